package dev.eider.server.jdbc;

import dev.eider.adapter.duckdb.StatementRun;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLTimeoutException;
import java.util.TimeZone;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.jdbc.CalciteResultSet;
import org.apache.calcite.jdbc.CalciteResultSetBridge;

/**
 * Calcite's result set, plus two things.
 *
 * <p>Cancellation reaches DuckDB: the result set executes its statement and fetches its rows as a
 * {@link StatementRun}, and {@link java.sql.Statement#cancel()} (which Avatica passes to the statement's open
 * result set, set before execution starts) cancels that run, interrupting DuckDB; a statement cancelled while
 * Calcite still plans it fails as soon as it starts. Calcite alone only raises a flag that nothing checks until
 * the next row. {@link java.sql.Statement#setQueryTimeout} reaches DuckDB through
 * Calcite (its JDBC adapter sets the time left on each DuckDB statement); a statement DuckDB stopped for it
 * fails with a {@link SQLTimeoutException} naming the timeout.
 *
 * <p>{@link java.sql.Array#getResultSet()} on its array values is unsupported. Calcite's version returns one
 * column where JDBC specifies two (index, value), which breaks the Avatica server ("invalid column ordinal:
 * 2"); when the call is unsupported, Avatica reads the array with {@link java.sql.Array#getArray()} instead.
 */
final class EiderResultSet extends CalciteResultSetBridge {

  private final StatementRun run = new StatementRun();
  private final AtomicBoolean statementCancelled;

  EiderResultSet(AvaticaStatement statement, Meta.Signature signature, ResultSetMetaData metaData,
      TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
    try {
      statementCancelled = ((AvaticaConnection) statement.getConnection()).getCancelFlag(statement.handle);
    } catch (NoSuchStatementException e) {
      throw new SQLException("statement " + statement.handle.id + " is not open", e);
    }
  }

  @Override
  protected CalciteResultSet execute() throws SQLException {
    return running(super::execute);
  }

  @Override
  public boolean next() throws SQLException {
    return running(super::next);
  }

  @Override
  protected void cancel() {
    run.cancel();
    super.cancel();
  }

  /** Stops this result's run, as {@link #cancel()} does, but leaves its statement usable for new runs. */
  void interrupt() {
    run.cancel();
  }

  @Override
  public void close() {
    try {
      super.close();
    } finally {
      run.cancel();
    }
  }

  @Override
  public ResultSet create(ColumnMetaData.AvaticaType elementType, Iterable<Object> iterable)
      throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "Array.getResultSet() is not supported by Eider; use Array.getArray()");
  }

  private <T> T running(ScopedValue.CallableOp<T, SQLException> step) throws SQLException {
    if (run.isCancelled() || statementCancelled.get()) {
      throw cancelled(null);
    }
    try {
      return run.call(step);
    } catch (SQLException | RuntimeException e) {
      if (run.isCancelled()) {
        throw cancelled(e);
      }
      int timeout = statement.getQueryTimeout();
      if (timeout > 0 && RunningStatements.timedOut(e)) {
        throw new SQLTimeoutException("statement cancelled: it ran longer than its query timeout of " + timeout
            + " s", StatementRun.CANCELLED_STATE, e);
      }
      throw e;
    }
  }

  private static SQLException cancelled(Exception cause) {
    return new SQLException("statement cancelled", StatementRun.CANCELLED_STATE, cause);
  }

}
