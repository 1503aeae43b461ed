package dev.eider.server.planner;

import dev.eider.adapter.index.TestIndexes;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.server.jdbc.Datasets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The planner tests' data: sift5k in DuckDB table {@code docs} (with filter columns and a {@code tags}
 * table), indexed with CREATE INDEX; an Eider connection and a direct DuckDB connection (the oracle).
 *
 * @param file    the DuckDB file
 * @param eider   {@code jdbc:eider:duckdb=file}
 * @param duck    a plain DuckDB connection to the same database
 * @param index   the index {@code docs_emb} on {@code docs(emb)}, L2, keyed by {@code id}
 * @param queries the first query vectors of sift5k
 */
record SiftDocs(Path file, Connection eider, Connection duck, VectorIndex index, List<float[]> queries)
    implements AutoCloseable {
  static final int QUERIES = 8;

  static SiftDocs create(Path dir) throws Exception {
    Path file = dir.resolve("p.duckdb");
    List<float[]> base = Datasets.fvecs("sift5k/base.fvecs");
    try (Connection loader = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement statement = loader.createStatement()) {
      statement.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, category VARCHAR, year INTEGER, "
          + "rare BOOLEAN, note VARCHAR, emb FLOAT[128])");
      statement.execute("CREATE TABLE tags (doc_id BIGINT, tag VARCHAR)");
      try (PreparedStatement insert = loader.prepareStatement(
          "INSERT INTO docs VALUES (?, ?, ?, ?, ?, CAST(? AS FLOAT[128]))")) {
        for (int i = 0; i < base.size(); i++) {
          insert.setLong(1, i);
          insert.setString(2, "c" + (i % 10));
          insert.setInt(3, 2000 + i % 25);
          insert.setBoolean(4, i % 500 == 0);
          insert.setString(5, i % 7 == 0 ? null : "note " + i);
          insert.setString(6, text(base.get(i)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
      statement.execute("INSERT INTO tags SELECT id, 'hot' FROM docs WHERE id % 13 = 0");
    }
    Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
    VectorIndex index = TestIndexes.create(eider, "docs_emb", "docs", "id", "emb", Metric.L2);
    Connection duck = TestIndexes.database(eider).connect();
    return new SiftDocs(file, eider, duck, index,
        Datasets.fvecs("sift5k/query.fvecs").subList(0, QUERIES));
  }

  @Override
  public void close() throws SQLException {
    duck.close();
    eider.close();
  }

  /** The plan of {@code sql} on {@code connection}, as text. */
  static String explain(Connection connection, String sql) throws SQLException {
    return rows(connection, "EXPLAIN PLAN FOR " + sql).toString();
  }

  /** {@code q} as a SQL vector constant. */
  static String vector(float[] q) {
    return "CAST('" + text(q) + "' AS FLOAT[128])";
  }

  static String text(float[] v) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      text.append(i == 0 ? "" : ",").append(v[i]);
    }
    return text.append(']').toString();
  }

  /** {@code ids} as a SQL list body ({@code NULL} when empty). */
  static String join(List<Long> ids) {
    return ids.isEmpty() ? "NULL" : String.join(",", ids.stream().map(String::valueOf).toList());
  }

  /** The first column of every row, as longs. */
  static List<Long> ids(Connection connection, String sql) throws SQLException {
    List<Long> ids = new ArrayList<>();
    for (List<Object> row : rows(connection, sql)) {
      ids.add(((Number) row.getFirst()).longValue());
    }
    return ids;
  }

  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      int columns = rs.getMetaData().getColumnCount();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(rs.getObject(i));
        }
        rows.add(row);
      }
      return rows;
    }
  }
}
