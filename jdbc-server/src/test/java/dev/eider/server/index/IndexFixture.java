package dev.eider.server.index;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.index.IndexManager;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.Neighbor;
import dev.eider.lmdiskann.SearchParams;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.calcite.jdbc.CalciteConnection;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/** A DuckDB file with a table of random vectors, and helpers that check an index against DuckDB. */
final class IndexFixture {
  static final int DIMS = 16;
  static final String INDEX_OPTIONS =
      "WITH (metric = 'l2', max_degree = 16, build_search_l = 32, search_l = 64, cache_mb = 8)";

  private IndexFixture() {}

  /** Table {@code docs(id BIGINT PRIMARY KEY, cat VARCHAR, emb FLOAT[16])} with ids 0..rows-1. */
  static void createDocs(Path file, int rows, long seed) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      s.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, cat VARCHAR, emb FLOAT[" + DIMS + "])");
      Random random = new Random(seed);
      try (DuckDBAppender appender = duck.unwrap(DuckDBConnection.class)
          .createAppender("main", "docs")) {
        for (int i = 0; i < rows; i++) {
          appender.beginRow().append((long) i).append(i % 2 == 0 ? "even" : "odd")
              .append(vector(random)).endRow();
        }
      }
    }
  }

  static float[] vector(Random random) {
    float[] v = new float[DIMS];
    for (int d = 0; d < DIMS; d++) {
      v[d] = random.nextFloat() * 2 - 1;
    }
    return v;
  }

  static String text(float[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }

  static Connection eider(Path file) throws SQLException {
    return DriverManager.getConnection("jdbc:eider:duckdb=" + file);
  }

  /** A plain DuckDB connection to the database behind {@code eider} (the oracle's connection). */
  static Connection duck(Connection eider) throws SQLException {
    return schema(eider).database().connect();
  }

  private static DuckDbSchema schema(Connection eider) throws SQLException {
    return eider.unwrap(CalciteConnection.class).getRootSchema()
        .subSchemas().get("main").unwrap(DuckDbSchema.class);
  }

  /** Waits for the background merges and rebuilds of the database behind {@code eider}. */
  static void awaitBackground(Connection eider) throws SQLException, InterruptedException {
    manager(eider).awaitBackground();
  }

  /** The index manager of the database behind {@code eider}. */
  static IndexManager manager(Connection eider) throws SQLException {
    return schema(eider).database().indexManager();
  }

  /** The index {@code name} as the engine behind {@code eider} sees it. */
  static VectorIndex index(Connection eider, String name) throws SQLException {
    return schema(eider).database().indexes().byName(name)
        .orElseThrow(() -> new AssertionError("no index " + name));
  }

  /** Exact top-k ids by L2 distance, computed by DuckDB over the base table. */
  static List<Long> exactTopK(Connection connection, float[] query, int k) throws SQLException {
    try (PreparedStatement p = connection.prepareStatement("SELECT id FROM docs ORDER BY"
        + " array_distance(emb, CAST(? AS FLOAT[" + DIMS + "])), id LIMIT " + k)) {
      p.setString(1, text(query));
      List<Long> ids = new ArrayList<>();
      try (ResultSet rs = p.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
      return ids;
    }
  }

  /** Index top-k row keys. */
  static List<Long> indexTopK(VectorIndex index, float[] query, int k) {
    List<Long> ids = new ArrayList<>();
    for (Neighbor n : index.search(query, SearchParams.top(k)).neighbors()) {
      ids.add(n.rowKey());
    }
    return ids;
  }

  /** Mean recall@k of the index against DuckDB's exact answers over {@code queries} random queries. */
  static double recall(Connection eider, VectorIndex index, int queries, int k, long seed)
      throws SQLException {
    Random random = new Random(seed);
    int hits = 0;
    try (Connection duck = duck(eider)) {
      for (int q = 0; q < queries; q++) {
        float[] query = vector(random);
        List<Long> exact = exactTopK(duck, query, k);
        List<Long> found = indexTopK(index, query, k);
        hits += (int) found.stream().filter(exact::contains).count();
      }
    }
    return (double) hits / (queries * k);
  }

  static long count(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void execute(Connection connection, String sql) throws SQLException {
    try (Statement s = connection.createStatement()) {
      s.execute(sql);
    }
  }
}
