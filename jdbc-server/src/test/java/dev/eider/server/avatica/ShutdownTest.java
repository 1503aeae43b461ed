package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Shutdown while a statement runs: it returns after the grace periods even if the statement ignores the cancel,
 * new requests are refused, and the running client gets either its full answer or an error, never a wrong one.
 */
class ShutdownTest {

  @TempDir
  Path dir;

  @Test
  void shutdownIsBoundedWhileAStatementRunsAndRefusesNewRequests() throws Exception {
    Path database = dir.resolve("shutdown.duckdb");
    DocsTable.create(database, 300);
    EiderServer server = TestServers.on(database).shutdownGrace(Duration.ofSeconds(1)).start();
    try (ThinClient client = new ThinClient()) {
      // Not closed by the test: the server they belong to is gone by the end.
      Connection connection = client.connect(server.clientUrl());
      Statement statement = connection.createStatement();
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> {
        try (ResultSet rows = statement.executeQuery("SELECT count(*) FROM docs a, docs b, docs c, docs d"
            + " WHERE a.id < 30 AND a.pub_year + b.pub_year + c.pub_year + d.pub_year > a.id")) {
          rows.next();
          return rows.getLong(1);
        } catch (Exception e) {
          throw new IllegalStateException(e.getMessage(), e);
        }
      });
      Instant deadline = Instant.now().plusSeconds(60);
      while (server.runningRequests() == 0) {
        assertThat(Instant.now()).as("the statement reaches the server").isBefore(deadline);
        LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
      }

      CompletableFuture<Void> shutdown = CompletableFuture.runAsync(server::close);

      assertThat(shutdown).succeedsWithin(30, TimeUnit.SECONDS);
      assertThatThrownBy(() -> client.connect(server.clientUrl()).createStatement().executeQuery("SELECT 1"))
          .as("the listener is closed");
      long outcome = running.handle((count, failure) -> failure != null ? -1L : count).get(60, TimeUnit.SECONDS);
      assertThat(outcome).as("the running statement either finished with the right count or failed")
          .isIn(-1L, 30L * 300 * 300 * 300);
    }
    assertThat(dir.resolve("shutdown.duckdb.serve.lock")).doesNotExist();
  }
}
