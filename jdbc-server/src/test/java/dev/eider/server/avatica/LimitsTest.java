package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's limits as a client meets them: connections, rows per result, statement timeout, idle expiry. */
class LimitsTest {

  private static final int ROWS = 300;
  private static final int MAX_CONNECTIONS = 3;
  private static final int MAX_ROWS = 50;

  @TempDir
  static Path dir;

  private static EiderServer server;
  private static EiderServer timed;
  private static ThinClient client;

  /** One server with connection, row and idle limits, one with a statement timeout; both warmed up. */
  @BeforeAll
  static void startServers() throws Exception {
    Path database = dir.resolve("limits.duckdb");
    DocsTable.create(database, ROWS);
    Path timedDatabase = dir.resolve("timed.duckdb");
    DocsTable.create(timedDatabase, ROWS);
    ThinClientCancelTest.createEndlessView(timedDatabase);
    server = TestServers.on(database)
        .limits(MAX_CONNECTIONS, MAX_ROWS, Duration.ZERO, Duration.ofSeconds(2)).start();
    timed = TestServers.on(timedDatabase)
        .limits(0, 0, Duration.ofSeconds(5), Duration.ofMinutes(10)).start();
    client = new ThinClient();
    for (EiderServer each : new EiderServer[] {server, timed}) {
      try (Connection connection = client.connect(each.clientUrl());
          Statement statement = connection.createStatement()) {
        countRows(statement, "SELECT id FROM docs WHERE id < 1");
      }
    }
  }

  @AfterAll
  static void stopServers() throws Exception {
    server.close();
    timed.close();
    client.close();
  }

  @Test
  void resultsAreCutAtTheServersMaximumAndAtASmallerClientMaximum() throws SQLException {
    try (Connection connection = client.connect(server.clientUrl());
        Statement statement = connection.createStatement()) {
      assertThat(countRows(statement, "SELECT id FROM docs")).isEqualTo(MAX_ROWS);
      statement.setMaxRows(7);
      assertThat(countRows(statement, "SELECT id FROM docs")).isEqualTo(7);
    }
  }

  @Test
  void connectionsBeyondTheMaximumAreRefusedUntilOneCloses() throws SQLException {
    awaitOpenConnections(0);
    Connection first = client.connect(server.clientUrl());
    Connection second = client.connect(server.clientUrl());
    Connection third = client.connect(server.clientUrl());
    assertThatThrownBy(() -> client.connect(server.clientUrl()).createStatement())
        .hasMessageContaining("maximum of 3 open connections");
    first.close();
    try (Connection fourth = client.connect(server.clientUrl()); Statement statement = fourth.createStatement()) {
      assertThat(countRows(statement, "SELECT id FROM docs WHERE id < 5")).isEqualTo(5);
    }
    second.close();
    third.close();
  }

  @Test
  void aStatementRunningPastTheTimeoutIsStoppedInsideDuckDbWithAClearError() throws SQLException {
    try (Connection connection = client.connect(timed.clientUrl());
        Statement statement = connection.createStatement()) {
      assertThatThrownBy(() -> countRows(statement, "SELECT count(*) FROM endless WHERE MOD(id, 7) = 3"))
          .as("a count DuckDB needs hours for").isInstanceOf(SQLException.class)
          .hasMessageContaining("statement timeout of 5000 ms");
      assertThat(timed.runningRequests()).as("the server is no longer running it").isZero();
      assertThat(countRows(statement, "SELECT id FROM docs WHERE id < 3")).as("the statement is reusable")
          .isEqualTo(3);
    }
  }

  @Test
  void anIdleConnectionExpiresOnTheServer() throws SQLException {
    awaitOpenConnections(0);
    Connection idle = client.connect(server.clientUrl());
    try (Statement statement = idle.createStatement()) {
      assertThat(countRows(statement, "SELECT id FROM docs WHERE id < 2")).isEqualTo(2);
    }
    assertThat(server.openConnections()).isEqualTo(1);
    awaitOpenConnections(0);
    assertThatThrownBy(() -> idle.createStatement().executeQuery("SELECT 1"))
        .hasStackTraceContaining("NoSuchConnectionException");
  }

  /** Polls, with a deadline, until the server holds {@code expected} connections (expiry is time-driven). */
  private static void awaitOpenConnections(long expected) {
    Instant deadline = Instant.now().plusSeconds(30);
    while (server.openConnections() != expected) {
      assertThat(Instant.now()).as("server connections reach " + expected).isBefore(deadline);
      LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
    }
  }

  private static int countRows(Statement statement, String sql) throws SQLException {
    int count = 0;
    try (ResultSet rows = statement.executeQuery(sql)) {
      while (rows.next()) {
        count++;
      }
    }
    return count;
  }
}
