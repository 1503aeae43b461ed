package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * In-process {@code Statement.cancel()} and {@code setQueryTimeout} stop a statement that DuckDB is running (a
 * count over a cross join that would take hours), the statement fails saying why, a cancelled INSERT leaves no rows
 * behind, and the connection keeps working.
 */
class CancelTest {

  private static final int ROWS = 1000;
  /** Counts over 10^12 rows inside DuckDB: it runs for hours unless something stops it, and plans at once. */
  private static final String ENDLESS = "SELECT count(*) FROM endless WHERE MOD(id, 7) = 3";
  /** How long a stopped statement may take to return; the endless query takes far longer. */
  private static final Duration BOUND = Duration.ofSeconds(60);

  @TempDir
  Path dir;
  Connection eider;

  @BeforeEach
  void open() throws SQLException {
    Path file = dir.resolve("cancel.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE t AS SELECT range AS id FROM range(" + ROWS + ")");
      Sql.update(duck, "CREATE TABLE sink (id BIGINT)");
      Sql.update(duck, "CREATE VIEW endless AS SELECT a.range + b.range AS id FROM range(1000000) a,"
          + " range(1000000) b");
    }
    eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
    assertThat(Sql.rows(eider, "SELECT count(*) FROM t")).containsExactly(List.of((long) ROWS));
    assertThat(Sql.rows(eider, "EXPLAIN PLAN FOR " + ENDLESS).toString()).as("the whole query runs in DuckDB")
        .startsWith("[[JdbcToEnumerableConverter");
  }

  @AfterEach
  void connectionStillWorks() throws SQLException {
    assertThat(Sql.rows(eider, "SELECT count(*), max(id) FROM t")).containsExactly(List.of((long) ROWS, ROWS - 1L));
    eider.close();
  }

  @Test
  void cancelFromAnotherThreadStopsAQueryInsideDuckDb() throws Exception {
    try (Statement statement = eider.createStatement()) {
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> Outcomes.count(statement, ENDLESS));
      cancelWhileRunning(statement, running);
      assertThat(Outcomes.failure(running, BOUND)).hasMessageContaining("statement cancelled");
    }
  }

  @Test
  void aCancelledInsertLeavesNoRows() throws Exception {
    try (Statement statement = eider.createStatement()) {
      CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> {
        try {
          return statement.executeUpdate("INSERT INTO sink SELECT id FROM endless WHERE MOD(id, 7) = 3");
        } catch (SQLException e) {
          throw new CompletionException(e);
        }
      });
      cancelWhileRunning(statement, running);
      assertThat(Outcomes.failure(running, BOUND)).hasMessageContaining("statement cancelled");
    }
    assertThat(Sql.rows(eider, "SELECT count(*) FROM sink")).containsExactly(List.of(0L));
  }

  @Test
  void aQueryTimeoutStopsAQueryInsideDuckDb() throws Exception {
    try (Statement statement = eider.createStatement()) {
      statement.setQueryTimeout(2);
      CompletableFuture<Long> running = CompletableFuture.supplyAsync(() -> Outcomes.count(statement, ENDLESS));
      Throwable failure = Outcomes.failure(running, BOUND);
      assertThat(failure).hasMessageContaining("ran longer than its query timeout of 2 s");
      assertThat(causes(failure)).hasAtLeastOneElementOfType(SQLTimeoutException.class);
      statement.setQueryTimeout(0);
      assertThat(Outcomes.count(statement, "SELECT count(*) FROM t WHERE id < 10")).as("the statement is reusable")
          .isEqualTo(10);
    }
  }

  /**
   * Cancels once the statement has started (a cancel before execution would stop it too, but the test should
   * exercise the interruption of a running DuckDB query), and expects it to end within {@link #BOUND}.
   */
  private static void cancelWhileRunning(Statement statement, CompletableFuture<?> running) throws SQLException {
    LockSupport.parkNanos(Duration.ofMillis(500).toNanos());
    assertThat(running).as("the query runs until cancelled").isNotDone();
    statement.cancel();
  }

  private static List<Throwable> causes(Throwable failure) {
    List<Throwable> causes = new ArrayList<>();
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      causes.add(cause);
    }
    return causes;
  }
}
