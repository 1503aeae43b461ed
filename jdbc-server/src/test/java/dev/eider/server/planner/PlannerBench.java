package dev.eider.server.planner;

import dev.eider.adapter.index.TestIndexes;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.io.Fvecs;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The planner benchmark (a program, not a test; it lives beside the test scaffolding that registers an
 * index until CREATE INDEX lands): fashion-mnist-784 in a DuckDB table with its label and columns of
 * 50%, 10%, 1% and 0.1% selectivity; per filter, recall@10 of Eider's SQL answer against the exact
 * plan ({@code NO_LM_DISKANN}, DuckDB's top-k), the strategy, latencies and their ratio; and the
 * overhead of a prepared statement over the raw index search.
 *
 * <p>Usage: {@code PlannerBench <dataset dir> <work dir> [queries]}.
 */
public final class PlannerBench {
  private PlannerBench() {}

  public static void main(String[] args) throws Exception {
    Path data = Path.of(args[0]);
    Path work = Path.of(args[1]);
    int queryCount = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    Files.createDirectories(work);
    Path db = work.resolve("fm.duckdb");
    Files.deleteIfExists(db);
    List<float[]> base = Arrays.asList(Fvecs.readFvecs(data.resolve("base.fvecs")));
    List<float[]> queries = Arrays.asList(Fvecs.readFvecs(data.resolve("query.fvecs"))).subList(0, queryCount);
    List<String> labels = Files.readAllLines(data.resolve("base_labels.txt"));
    List<String> queryLabels = Files.readAllLines(data.resolve("query_labels.txt"));
    long t0 = System.nanoTime();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + db);
        Statement statement = duck.createStatement()) {
      statement.execute("CREATE TABLE fm (id BIGINT PRIMARY KEY, label INTEGER, p50 BOOLEAN, "
          + "p10 BOOLEAN, p1 BOOLEAN, p01 BOOLEAN, emb FLOAT[784])");
      try (PreparedStatement insert = duck.prepareStatement(
          "INSERT INTO fm VALUES (?, ?, ?, ?, ?, ?, CAST(? AS FLOAT[784]))")) {
        for (int i = 0; i < base.size(); i++) {
          long h = (i * 2654435761L) & 0xffffffffL;
          insert.setLong(1, i);
          insert.setInt(2, Integer.parseInt(labels.get(i).trim()));
          insert.setBoolean(3, h % 2 == 0);
          insert.setBoolean(4, h % 10 == 3);
          insert.setBoolean(5, h % 100 == 7);
          insert.setBoolean(6, h % 1000 == 11);
          insert.setString(7, text(base.get(i)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    System.out.printf("loaded %d rows in %.1f s%n", base.size(), (System.nanoTime() - t0) / 1e9);
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + db)) {
      t0 = System.nanoTime();
      VectorIndex index = TestIndexes.create(eider, "fm_emb", "fm", "id", "emb", Metric.L2);
      System.out.printf("index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
      System.out.println("| filter | selectivity | strategy | recall@10 | rows | eider ms | exact ms | exact/eider |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      for (String filter : List.of("", "label = ?", "p50", "p10", "p1", "p01")) {
        run(eider, filter, queries, queryLabels);
      }
      overhead(eider, index, queries);
    }
  }

  private static void run(Connection eider, String filter, List<float[]> queries,
      List<String> queryLabels) throws Exception {
    String where = filter.isEmpty() ? "" : " WHERE " + filter;
    String sql = "SELECT id FROM fm" + where + " ORDER BY emb <-> ? LIMIT 10";
    String exactSql = "SELECT /*+ NO_LM_DISKANN */ id FROM fm" + where
        + " ORDER BY emb <-> ? LIMIT 10";
    String plan;
    try (Statement statement = eider.createStatement(); ResultSet rs = statement.executeQuery(
        "EXPLAIN PLAN FOR " + sql.replace("label = ?", "label = 1").replace("?",
            "CAST('" + text(queries.getFirst()) + "' AS FLOAT[784])"))) {
      rs.next();
      plan = rs.getString(1);
    }
    String strategy = between(plan, "strategy=[", "]");
    String selectivity = between(plan, "selectivity=[", "]");
    double found = 0;
    long rows = 0;
    long eiderNanos = 0;
    long exactNanos = 0;
    try (PreparedStatement fast = eider.prepareStatement(sql);
        PreparedStatement exact = eider.prepareStatement(exactSql)) {
      for (int q = 0; q < queries.size(); q++) {
        bind(fast, queries.get(q), filter, queryLabels.get(q));
        bind(exact, queries.get(q), filter, queryLabels.get(q));
        long s = System.nanoTime();
        List<Long> got = ids(fast);
        eiderNanos += System.nanoTime() - s;
        s = System.nanoTime();
        Set<Long> truth = new HashSet<>(ids(exact));
        exactNanos += System.nanoTime() - s;
        rows += got.size();
        found += truth.isEmpty() ? 1 : got.stream().filter(truth::contains).count() / (double) truth.size();
      }
    }
    int n = queries.size();
    System.out.printf("| %s | %s | %s | %.3f | %.1f | %.2f | %.2f | %.2f |%n",
        filter.isEmpty() ? "none" : filter, selectivity, strategy, found / n, rows / (double) n,
        eiderNanos / 1e6 / n, exactNanos / 1e6 / n, exactNanos / (double) eiderNanos);
  }

  private static void overhead(Connection eider, VectorIndex index, List<float[]> queries)
      throws Exception {
    long raw = 0;
    long sql = 0;
    try (PreparedStatement statement = eider.prepareStatement(
        "SELECT id FROM fm ORDER BY emb <-> ? LIMIT 10")) {
      for (int round = 0; round < 2; round++) {
        raw = 0;
        sql = 0;
        for (float[] q : queries) {
          long s = System.nanoTime();
          index.search(q, SearchParams.top(10));
          raw += System.nanoTime() - s;
          statement.setObject(1, q);
          s = System.nanoTime();
          ids(statement);
          sql += System.nanoTime() - s;
        }
      }
    }
    long planned = 0;
    for (float[] q : queries.subList(0, Math.min(20, queries.size()))) {
      long s = System.nanoTime();
      try (PreparedStatement statement = eider.prepareStatement(
          "SELECT id FROM fm ORDER BY emb <-> ? LIMIT 10")) {
        statement.setObject(1, q);
        ids(statement);
      }
      planned += System.nanoTime() - s;
    }
    int n = queries.size();
    System.out.printf("raw index search %.3f ms, prepared statement %.3f ms (ratio %.2f), "
        + "prepare+execute %.3f ms%n", raw / 1e6 / n, sql / 1e6 / n, sql / (double) raw,
        planned / 1e6 / Math.min(20, n));
  }

  private static void bind(PreparedStatement statement, float[] q, String filter, String label)
      throws Exception {
    int next = 1;
    if (filter.contains("?")) {
      statement.setInt(next++, Integer.parseInt(label.trim()));
    }
    statement.setObject(next, q);
  }

  private static List<Long> ids(PreparedStatement statement) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static String between(String text, String start, String end) {
    int i = text.indexOf(start);
    return i < 0 ? "(exact plan)" : text.substring(i + start.length(), text.indexOf(end, i + start.length()));
  }

  private static String text(float[] v) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      text.append(i == 0 ? "" : ",").append(v[i]);
    }
    return text.append(']').toString();
  }

}
