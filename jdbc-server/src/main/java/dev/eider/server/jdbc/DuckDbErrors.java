package dev.eider.server.jdbc;

import java.sql.SQLException;
import java.util.Iterator;

/**
 * Makes errors raised inside DuckDB readable: Calcite reports a failed pushed-down statement as
 * "While executing SQL [...] on JDBC sub-schema" and hides DuckDB's own message (the one that names
 * the problem) in the cause chain. The message of DuckDB's exception is put first.
 */
final class DuckDbErrors {
  private DuckDbErrors() {}

  /** {@code rows}, whose iteration reports DuckDB's message when DuckDB fails. */
  static Iterable<Object> clarifying(Iterable<Object> rows) {
    return () -> {
      try {
        Iterator<Object> iterator = rows.iterator();
        return iterator;
      } catch (RuntimeException e) {
        throw clarify(e);
      }
    };
  }

  /** {@code e} with DuckDB's message in front, if DuckDB caused it; {@code e} otherwise. */
  static RuntimeException clarify(RuntimeException e) {
    SQLException duckDb = duckDbCause(e);
    if (duckDb == null) {
      return e;
    }
    return new IllegalStateException(duckDb.getMessage().strip() + "\n(" + e.getMessage() + ")", e);
  }

  private static SQLException duckDbCause(Throwable e) {
    SQLException found = null;
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && isDuckDb(sql)) {
        found = sql;
      }
    }
    return found;
  }

  private static boolean isDuckDb(SQLException e) {
    StackTraceElement[] stack = e.getStackTrace();
    return stack.length > 0 && stack[0].getClassName().startsWith("org.duckdb.");
  }
}
