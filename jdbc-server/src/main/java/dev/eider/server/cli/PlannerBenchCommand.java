package dev.eider.server.cli;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.io.Fvecs;
import java.io.PrintWriter;
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
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import org.apache.calcite.jdbc.CalciteConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./eider planner-bench}: the planner benchmark. fashion-mnist-784 in a DuckDB table with its label and
 * columns of 50%, 10%, 1% and 0.1% selectivity; per filter, recall@10 of Eider's SQL answer against the
 * exact plan ({@code NO_LM_DISKANN}, DuckDB's top-k) and, for the label filter, against
 * {@code groundtruth_same_label.ivecs}; the strategy, latencies and their ratio; the overhead of a
 * prepared statement over the raw index search; and the measurements the cost model's constants are
 * calibrated from ({@link CostCalibration}).
 *
 * <p>The table and its index are kept in the work folder and reused by the next run (loading and
 * building take minutes).
 */
@Command(name = "planner-bench", mixinStandardHelpOptions = true,
    description = "SQL k-NN with filters of 50%, 10% (two), 1% and 0.1% selectivity: recall, strategy, "
        + "latency against DuckDB's exact plan; prepared statement vs raw index search; cost constants.")
public final class PlannerBenchCommand implements Callable<Integer> {
  private static final int WARMUP = 10;

  @Spec
  private CommandSpec spec;

  @Option(names = "--dataset", paramLabel = "DIR", required = true,
      description = "fashion-mnist-784 folder: base.fvecs, query.fvecs, base_labels.txt, "
          + "query_labels.txt, groundtruth_same_label.ivecs.")
  private Path data;

  @Option(names = "--work", paramLabel = "DIR",
      defaultValue = "${sys:user.home}/.cache/eider-planner-bench",
      description = "Folder of the DuckDB table and its index, reused by later runs (default: ${DEFAULT-VALUE}).")
  private Path work;

  @Option(names = "--queries", defaultValue = "100",
      description = "Queries per filter (default: ${DEFAULT-VALUE}).")
  private int queryCount;

  private PrintWriter out;

  @Override
  public Integer call() throws Exception {
    out = spec.commandLine().getOut();
    Files.createDirectories(work);
    Path db = work.resolve("fm.duckdb");
    List<float[]> queries = Arrays.asList(Fvecs.readFvecs(data.resolve("query.fvecs"))).subList(0, queryCount);
    List<String> queryLabels = Files.readAllLines(data.resolve("query_labels.txt"));
    int[][] sameLabel = Fvecs.readIvecs(data.resolve("groundtruth_same_label.ivecs"));
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + db)) {
      VectorIndex index = indexedTable(eider, data);
      out.println("| filter | selectivity | strategy | recall@10 | rows | eider ms | exact ms | exact/eider |");
      out.println("|---|---|---|---|---|---|---|---|");
      for (String filter : List.of("", "label = ?", "p50", "p10", "p1", "p01")) {
        run(eider, filter, queries, queryLabels);
      }
      out.printf(Locale.ROOT, "label filter against groundtruth_same_label.ivecs: recall@10 %.3f%n",
          sameLabelRecall(eider, queries, queryLabels, sameLabel));
      Overhead overhead = overhead(eider, index, queries);
      new CostCalibration(database(eider), index, queries, out).print(overhead);
    }
    out.flush();
    return 0;
  }

  /** The DuckDB database behind schema {@code main} of an Eider connection. */
  static DuckDbDatabase database(Connection eider) throws Exception {
    return eider.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("main")
        .unwrap(DuckDbSchema.class).database();
  }

  /** The table and its index: reused when a previous run left them ready, else loaded and built. */
  private VectorIndex indexedTable(Connection eider, Path data) throws Exception {
    Optional<VectorIndex> existing = database(eider).indexes().byName("fm_emb");
    if (existing.isPresent() && existing.get().state() == IndexState.READY) {
      out.printf(Locale.ROOT, "reusing table fm and index fm_emb (%d vectors)%n", existing.get().liveCount());
      return existing.get();
    }
    List<float[]> base = Arrays.asList(Fvecs.readFvecs(data.resolve("base.fvecs")));
    List<String> labels = Files.readAllLines(data.resolve("base_labels.txt"));
    long t0 = System.nanoTime();
    try (Connection duck = database(eider).connect();
        Statement statement = duck.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS fm");
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
          insert.setString(7, Vectors.toText(base.get(i)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    out.printf(Locale.ROOT, "loaded %d rows in %.1f s%n", base.size(), (System.nanoTime() - t0) / 1e9);
    t0 = System.nanoTime();
    try (Statement statement = eider.createStatement()) {
      statement.execute("CREATE INDEX fm_emb ON fm USING LM_DISKANN (emb) "
          + "WITH (metric = 'l2', key_column = 'id')");
    }
    VectorIndex index = database(eider).indexes().byName("fm_emb").orElseThrow();
    out.printf(Locale.ROOT, "index built in %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return index;
  }

  private void run(Connection eider, String filter, List<float[]> queries,
      List<String> queryLabels) throws Exception {
    String where = filter.isEmpty() ? "" : " WHERE " + filter;
    String sql = "SELECT id FROM fm" + where + " ORDER BY emb <-> ? LIMIT 10";
    String exactSql = "SELECT /*+ NO_LM_DISKANN */ id FROM fm" + where + " ORDER BY emb <-> ? LIMIT 10";
    String plan;
    try (Statement statement = eider.createStatement(); ResultSet rs = statement.executeQuery(
        "EXPLAIN PLAN FOR " + sql.replace("label = ?", "label = 1").replace("?",
            "CAST('" + Vectors.toText(queries.getFirst()) + "' AS FLOAT[784])"))) {
      rs.next();
      plan = rs.getString(1);
    }
    double found = 0;
    long rows = 0;
    long eiderNanos = 0;
    long exactNanos = 0;
    try (PreparedStatement fast = eider.prepareStatement(sql);
        PreparedStatement exact = eider.prepareStatement(exactSql)) {
      for (int q = 0; q < Math.min(WARMUP, queries.size()); q++) {
        bind(fast, queries.get(q), filter, queryLabels.get(q));
        ids(fast);
      }
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
    out.printf(Locale.ROOT, "| %s | %s | %s | %.3f | %.1f | %.2f | %.2f | %.2f |%n",
        filter.isEmpty() ? "none" : filter, between(plan, "selectivity=["),
        between(plan, "strategy=["), found / n, rows / (double) n,
        eiderNanos / 1e6 / n, exactNanos / 1e6 / n, exactNanos / (double) eiderNanos);
  }

  private static double sameLabelRecall(Connection eider, List<float[]> queries,
      List<String> queryLabels, int[][] truth) throws Exception {
    double found = 0;
    try (PreparedStatement statement = eider.prepareStatement(
        "SELECT id FROM fm WHERE label = ? ORDER BY emb <-> ? LIMIT 10")) {
      for (int q = 0; q < queries.size(); q++) {
        bind(statement, queries.get(q), "label = ?", queryLabels.get(q));
        Set<Long> expected = new HashSet<>();
        for (int i = 0; i < 10; i++) {
          expected.add((long) truth[q][i]);
        }
        found += ids(statement).stream().filter(expected::contains).count() / 10.0;
      }
    }
    return found / queries.size();
  }

  /**
   * Milliseconds per query of the raw index search and of the same top-10 through a prepared statement.
   *
   * @param rawMillis      {@code index.search} alone
   * @param preparedMillis the prepared statement (planning done once)
   * @param prepareMillis  preparing and executing a new statement each time
   */
  record Overhead(double rawMillis, double preparedMillis, double prepareMillis) {}

  private Overhead overhead(Connection eider, VectorIndex index, List<float[]> queries)
      throws Exception {
    long raw = 0;
    long sql = 0;
    String topTen = "SELECT id FROM fm ORDER BY emb <-> ? LIMIT 10";
    try (PreparedStatement statement = eider.prepareStatement(topTen)) {
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
    int planned = Math.min(20, queries.size());
    long prepared = 0;
    for (float[] q : queries.subList(0, planned)) {
      long s = System.nanoTime();
      try (PreparedStatement statement = eider.prepareStatement(topTen)) {
        statement.setObject(1, q);
        ids(statement);
      }
      prepared += System.nanoTime() - s;
    }
    int n = queries.size();
    Overhead overhead = new Overhead(raw / 1e6 / n, sql / 1e6 / n, prepared / 1e6 / planned);
    out.printf(Locale.ROOT, "raw index search %.3f ms, prepared statement %.3f ms (ratio %.2f), "
        + "prepare+execute %.3f ms%n", overhead.rawMillis(), overhead.preparedMillis(),
        overhead.preparedMillis() / overhead.rawMillis(), overhead.prepareMillis());
    return overhead;
  }

  static void bind(PreparedStatement statement, float[] q, String filter, String label)
      throws Exception {
    int next = 1;
    if (filter.contains("?")) {
      statement.setInt(next++, Integer.parseInt(label.trim()));
    }
    statement.setObject(next, q);
  }

  static List<Long> ids(PreparedStatement statement) throws Exception {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        ids.add(rs.getLong(1));
      }
    }
    return ids;
  }

  private static String between(String text, String start) {
    int i = text.indexOf(start);
    return i < 0 ? "(exact plan)" : text.substring(i + start.length(), text.indexOf(']', i + start.length()));
  }
}
