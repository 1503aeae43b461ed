package dev.eider.adapter.duckdb;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One run of an Eider statement as DuckDB sees it: the connections Calcite's JDBC adapter takes from a
 * {@link DuckDbDataSource} while the run is {@link #CURRENT} (every pushed-down query or DML statement runs on
 * a connection of its own). {@link #cancel()} closes them, which interrupts what DuckDB is executing on them
 * (DuckDB fails it with "INTERRUPT Error: Interrupted!" and rolls it back); a connection asked for after the
 * cancel is refused, so a cancel that comes before DuckDB starts is not lost.
 *
 * <p>Eider's own index code takes its connections from the database directly and is not interrupted: an
 * LM-DiskANN index and its journal must not be left half-written.
 */
public final class StatementRun {

  /** The run whose connections a data source tracks; unbound outside a run. */
  public static final ScopedValue<StatementRun> CURRENT = ScopedValue.newInstance();

  /** SQLSTATE of a cancelled statement ("query canceled"). */
  public static final String CANCELLED_STATE = "57014";

  private final Set<Connection> open = ConcurrentHashMap.newKeySet();
  private volatile boolean cancelled;

  /** Runs {@code op} with this run {@link #CURRENT}. */
  public <T, E extends Exception> T call(ScopedValue.CallableOp<T, E> op) throws E {
    return ScopedValue.where(CURRENT, this).call(op);
  }

  /** Interrupts the DuckDB work of this run, now and from now on. */
  public void cancel() {
    cancelled = true;
    for (Connection connection : open) {
      closeQuietly(connection);
    }
    open.clear();
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /** Registers a connection handed to this run; refuses (and closes) it once the run is cancelled. */
  Connection track(Connection connection) throws SQLException {
    open.removeIf(StatementRun::isClosed);
    open.add(connection);
    if (cancelled) {
      open.remove(connection);
      closeQuietly(connection);
      throw new SQLException("statement cancelled", CANCELLED_STATE);
    }
    return connection;
  }

  private static boolean isClosed(Connection connection) {
    try {
      return connection.isClosed();
    } catch (SQLException e) {
      return true;
    }
  }

  private static void closeQuietly(Connection connection) {
    try {
      connection.close();
    } catch (SQLException | RuntimeException e) {
      // The connection is gone either way; its statement reports the interruption.
    }
  }
}
