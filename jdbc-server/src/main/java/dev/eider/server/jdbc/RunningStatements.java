package dev.eider.server.jdbc;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;

/** Stops what a statement of the embedded engine is running, for code that holds only the JDBC statement. */
public final class RunningStatements {

  private RunningStatements() {}

  /**
   * Interrupts the run of {@code statement}'s open result set (the one being executed or fetched) and leaves the
   * statement usable; for a statement of another driver, or one with nothing open, falls back to
   * {@link Statement#cancel()}.
   */
  public static void interrupt(Statement statement) throws SQLException {
    if (statement.getResultSet() instanceof EiderResultSet running) {
      running.interrupt();
    } else {
      statement.cancel();
    }
  }

  /** True if {@code failure} comes from a statement stopped for its timeout (DuckDB reports its interrupt so). */
  public static boolean timedOut(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTimeoutException) {
        return true;
      }
    }
    return false;
  }
}
