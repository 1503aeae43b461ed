package dev.eider.adapter.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A DuckDB connection that index writes reuse from statement to statement, with the prepared
 * statements they ran on it. A single-row DML statement on an indexed table is a handful of tiny DuckDB
 * statements; a fresh connection and preparing each statement anew (the JDBC driver prepares even
 * BEGIN and COMMIT from text) cost more than the writes themselves.
 *
 * <p>The transaction is begun and ended with DuckDB's own BEGIN / COMMIT / ROLLBACK, prepared once; the
 * JDBC connection stays in auto-commit mode. Manual-commit mode would not save the BEGIN: DuckDB's driver
 * (2.0) then runs an unprepared BEGIN TRANSACTION before the first statement and {@code commit()} an
 * unprepared COMMIT (0.4-1.3 ms more per transaction than these prepared ones). Nor can a prepared COMMIT
 * be mixed with it: the driver would not know the transaction ended, skip the next BEGIN, and the COMMIT
 * after it fails with "no transaction is active". One thread at a time uses a session (the {@link
 * WriteSessions} pool hands it out exclusively).
 */
public final class WriteSession implements AutoCloseable {
  /** More distinct statements than this and the cache starts over (a statement per table and verb). */
  private static final int MAX_STATEMENTS = 64;

  private final Connection connection;
  private final long generation;
  private final Map<String, PreparedStatement> statements = new HashMap<>();

  /** Takes over {@code connection}, which this session closes. */
  WriteSession(Connection connection, long generation) {
    this.connection = connection;
    this.generation = generation;
  }

  /** The connection, for statements that are not worth caching; do not change its transaction mode. */
  public Connection connection() {
    return connection;
  }

  long generation() {
    return generation;
  }

  /**
   * The statement for {@code sql}, prepared on first use and again after DuckDB's driver closed it (it
   * closes a statement whose execution failed); the caller must not close it.
   */
  public PreparedStatement prepared(String sql) throws SQLException {
    PreparedStatement statement = statements.get(sql);
    if (statement == null || statement.isClosed()) {
      if (statements.size() >= MAX_STATEMENTS) {
        closeStatements();
      }
      statement = connection.prepareStatement(sql);
      statements.put(sql, statement);
    }
    return statement;
  }

  void begin() throws SQLException {
    prepared("BEGIN TRANSACTION").execute();
  }

  void commit() throws SQLException {
    prepared("COMMIT").execute();
  }

  void rollback() throws SQLException {
    prepared("ROLLBACK").execute();
  }

  private void closeStatements() throws SQLException {
    List<PreparedStatement> open = new ArrayList<>(statements.values());
    statements.clear();
    for (PreparedStatement statement : open) {
      statement.close();
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = null;
    List<AutoCloseable> open = new ArrayList<>(statements.values());
    open.add(connection);
    statements.clear();
    for (AutoCloseable resource : open) {
      try {
        resource.close();
      } catch (Exception e) {
        SQLException wrapped = e instanceof SQLException sql ? sql : new SQLException(e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
