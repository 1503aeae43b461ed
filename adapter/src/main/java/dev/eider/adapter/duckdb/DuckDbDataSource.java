package dev.eider.adapter.duckdb;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * The {@link DataSource} Calcite's JDBC machinery pulls connections from (pushed-down queries and
 * DML): each connection is a duplicate of the database's root connection, tracked by the current
 * {@link StatementRun} (if any) so that cancelling the statement interrupts DuckDB.
 */
final class DuckDbDataSource implements DataSource {
  private final DuckDbDatabase database;

  DuckDbDataSource(DuckDbDatabase database) {
    this.database = database;
  }

  @Override
  public Connection getConnection() throws SQLException {
    Connection connection = database.connect();
    return StatementRun.CURRENT.isBound() ? StatementRun.CURRENT.get().track(connection) : connection;
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    return getConnection();
  }

  @Override
  public PrintWriter getLogWriter() {
    return null;
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    throw new SQLFeatureNotSupportedException("DuckDB data sources have no log writer");
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    throw new SQLFeatureNotSupportedException("DuckDB data sources have no login timeout");
  }

  @Override
  public int getLoginTimeout() {
    return 0;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("DuckDB data sources log through SLF4J");
  }

  @Override
  public <T> T unwrap(Class<T> type) throws SQLException {
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    throw new SQLException("Not a wrapper for " + type);
  }

  @Override
  public boolean isWrapperFor(Class<?> type) {
    return type.isInstance(this);
  }

  @Override
  public String toString() {
    return "DuckDbDataSource[" + database.file() + "]";
  }
}
