package dev.eider.server.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;

/** Small JDBC helpers for tests. */
public final class Sql {
  private Sql() {}

  /** All rows of a query, each row a list of column values. */
  public static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet resultSet = statement.executeQuery(sql)) {
      return rows(resultSet);
    }
  }

  static List<List<Object>> rows(ResultSet resultSet) throws SQLException {
    int columns = resultSet.getMetaData().getColumnCount();
    List<List<Object>> rows = new ArrayList<>();
    while (resultSet.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= columns; i++) {
        row.add(resultSet.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  public static int update(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      return statement.executeUpdate(sql);
    }
  }

  /** Runs {@code sql} through Eider and returns the SQL statements it sent to DuckDB. */
  static List<String> duckDbStatements(Connection eider, String sql) throws SQLException {
    List<String> sent = new ArrayList<>();
    Consumer<Object> capture = plan -> sent.add(String.valueOf(plan));
    try (Hook.Closeable hook = Hook.QUERY_PLAN.addThread(capture);
        Statement statement = eider.createStatement()) {
      if (statement.execute(sql)) {
        try (ResultSet resultSet = statement.getResultSet()) {
          rows(resultSet);
        }
      }
    }
    return sent;
  }
}
