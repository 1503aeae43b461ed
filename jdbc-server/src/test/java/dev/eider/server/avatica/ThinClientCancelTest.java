package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.server.jdbc.Outcomes;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How a thin client stops a statement the server is running. Avatica's protocol has no cancel request, so
 * {@code Statement.cancel()} cannot reach the server, and neither can {@code Statement.close()} from another
 * thread: the thin client holds the statement's lock for the whole execute request ({@code
 * RemoteMeta.prepareAndExecute}, {@code AvaticaConnection.executeQueryInternal}). Closing the connection from
 * another thread does reach it: the server interrupts the connection's running statement inside DuckDB, the
 * waiting client gets an error saying so, and the server keeps serving. (A client that sends a close-statement
 * request while its statement runs gets the same; {@link JsonWireTest} sends one.)
 */
class ThinClientCancelTest {

  private static final int ROWS = 300;
  /** Counts over 10^12 rows inside DuckDB: it runs for hours unless something stops it. */
  private static final String ENDLESS = "SELECT count(*) FROM endless WHERE MOD(id, 7) = 3";
  /** How long a stopped statement may take to return; the endless query takes far longer. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  static Path dir;

  private static ServedDatabase served;

  @BeforeAll
  static void startServer() throws Exception {
    Path database = dir.resolve("cancel.duckdb");
    DocsTable.create(database, ROWS);
    createEndlessView(database);
    served = ServedDatabase.start(database);
  }

  /** A view DuckDB needs hours to count, and Calcite plans at once. */
  static void createEndlessView(Path database) throws SQLException {
    try (Connection duckDb = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement statement = duckDb.createStatement()) {
      statement.execute("CREATE VIEW endless AS SELECT a.range + b.range AS id FROM range(1000000) a,"
          + " range(1000000) b");
    }
  }

  @AfterAll
  static void stopServer() throws Exception {
    served.close();
  }

  @Test
  void closingTheConnectionFromAnotherThreadStopsItsStatementOnTheServer() throws Exception {
    closingTheConnectionStops(connection -> {
      Statement statement = connection.createStatement();
      return () -> Outcomes.count(statement, ENDLESS);
    });
  }

  @Test
  void closingTheConnectionFromAnotherThreadStopsItsPreparedStatementOnTheServer() throws Exception {
    closingTheConnectionStops(connection -> {
      PreparedStatement statement = connection.prepareStatement("SELECT count(*) FROM endless WHERE MOD(id, 7) = ?");
      statement.setInt(1, 3);
      return () -> {
        try (ResultSet rows = statement.executeQuery()) {
          rows.next();
          return rows.getLong(1);
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      };
    });
  }

  /** Something a test runs on a connection: it prepares a statement, and returns how to run it. */
  @FunctionalInterface
  private interface Work {
    Supplier<Long> prepare(Connection connection) throws SQLException;
  }

  private static void closingTheConnectionStops(Work work) throws Exception {
    Connection connection = served.connect();
    CompletableFuture<Long> running = CompletableFuture.supplyAsync(work.prepare(connection));
    awaitRunning(served.server(), running);

    connection.close();

    assertThat(Outcomes.failure(running, BOUND))
        .hasMessageContaining("statement cancelled: the client closed the statement");
    awaitNoRunningRequests();
    try (Connection fresh = served.connect()) {
      assertThat(countDocs(fresh)).as("the server keeps serving").isEqualTo(ROWS);
    }
  }

  @Test
  void cancelStopsReadingOnTheClientAndTheConnectionKeepsWorking() throws Exception {
    try (Connection connection = served.connect()) {
      try (Statement statement = connection.createStatement()) {
        statement.setFetchSize(10);
        ResultSet rows = statement.executeQuery("SELECT a.id FROM docs a, docs b");
        assertThat(rows.next()).isTrue();
        statement.cancel();
        assertThatThrownBy(rows::next).isInstanceOf(SQLException.class).hasMessageContaining("cancel");
      }
      assertThat(countDocs(connection)).isEqualTo(ROWS);
    }
  }

  /** Waits until the statement's request is being served (and DuckDB has had a moment to start on it). */
  static void awaitRunning(EiderServer server, CompletableFuture<?> running) {
    Instant deadline = Instant.now().plus(BOUND);
    while (server.runningRequests() == 0) {
      assertThat(Instant.now()).as("the statement reaches the server").isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    assertThat(running).as("the statement runs until stopped").isNotDone();
  }

  /** Waits until the server has no request left running: the stopped statement no longer occupies it. */
  private static void awaitNoRunningRequests() {
    Instant deadline = Instant.now().plus(BOUND);
    while (served.server().runningRequests() != 0) {
      assertThat(Instant.now()).as("the server finishes the stopped statement").isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(10).toNanos());
    }
  }

  private static long countDocs(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return Outcomes.count(statement, "SELECT count(*) FROM docs");
    }
  }
}
