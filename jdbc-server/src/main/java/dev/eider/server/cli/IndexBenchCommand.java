package dev.eider.server.cli;

import dev.eider.lmdiskann.BuildOptions;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.VectorSource;
import dev.eider.lmdiskann.io.Fvecs;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Comparator;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code ./eider index-bench}: the index lifecycle through SQL, as a markdown table. CREATE INDEX time
 * against the core's own build of the same vectors (the cost of streaming them out of DuckDB), then
 * single-client INSERT and DELETE throughput on the indexed table through {@code jdbc:eider:}, next to
 * the same inserts into a plain copy of the table through {@code jdbc:duckdb:} (no Eider, no index),
 * then VACUUM INDEX.
 */
@Command(name = "index-bench", mixinStandardHelpOptions = true,
    description = "CREATE INDEX vs core build time, INSERT/DELETE rows per second, VACUUM INDEX time.")
public final class IndexBenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = {"--data", "--dataset"}, paramLabel = "DIR",
      description = "Folder with base.fvecs to index (default: random vectors).")
  private Path data;

  @Option(names = "--rows", defaultValue = "20000",
      description = "Rows to index (a prefix of --data, or random) (default: ${DEFAULT-VALUE}).")
  private int rows;

  @Option(names = "--dims", defaultValue = "384",
      description = "Dimensions of random vectors (default: ${DEFAULT-VALUE}).")
  private int dims;

  @Option(names = "--metric", defaultValue = "l2", description = "l2, cosine or inner_product.")
  private String metric;

  @Option(names = "--dml", defaultValue = "1000",
      description = "Rows inserted by each DML step (prepared autocommit, executeBatch, INSERT ..."
          + " SELECT; the SQL-text step inserts at most " + TEXT_ROWS + "), then deleted; 0 skips DML"
          + " (default: ${DEFAULT-VALUE}).")
  private int dml;

  /** Rows of the SQL-text INSERT step: each such statement is planned anew, which is slow. */
  private static final int TEXT_ROWS = 10;

  /** Process CPU time at the start of the current step. */
  private long cpuMark;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    float[][] vectors = data != null ? Fvecs.readFvecs(data.resolve("base.fvecs"), rows)
        : random(rows, dims, 1);
    int d = vectors[0].length;
    Path dir = Files.createTempDirectory("eider-index-bench");
    try {
      Path file = dir.resolve("bench.duckdb");
      Path plain = dir.resolve("plain.duckdb");
      int text = Math.min(dml, TEXT_ROWS);
      float[][] extra = random(3 * dml + text, d, 2);
      load(file, vectors, java.util.Arrays.copyOfRange(extra, 2 * dml + text, extra.length),
          vectors.length + 2L * dml + text);
      load(plain, vectors, new float[0][], 0);
      long[] keys = new long[vectors.length];
      java.util.Arrays.setAll(keys, i -> i);
      IndexConfig config = IndexConfig.defaults(d, Metric.parse(metric));
      cpuMark = processCpuNanos();
      long t0 = System.nanoTime();
      LmDiskannIndex.build(dir.resolve("core"), config, VectorSource.of(vectors, keys),
          BuildOptions.defaults(), new InMemoryJournal()).close();
      double core = seconds(t0);
      out.printf(Locale.ROOT, "%s: %,d x %d vectors, %s, %d inserts and deletes%n",
          data == null ? "random" : data.getFileName(), vectors.length, d, metric, dml);
      out.printf(Locale.ROOT, "| step | time (s) | CPU (s) | rate |%n|---|---|---|---|%n");
      row(out, "core build (vectors on the heap)", core, vectors.length / core, "vectors/s");
      try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
          Statement s = eider.createStatement()) {
        t0 = System.nanoTime();
        s.execute("CREATE INDEX t_emb ON t USING LM_DISKANN (emb) WITH (metric = '" + metric + "')");
        double create = seconds(t0);
        row(out, String.format(Locale.ROOT, "CREATE INDEX (%+.0f%% over the core build)",
            100 * (create - core) / core), create, vectors.length / create, "vectors/s");
        if (dml > 0) {
          duckDbInserts(out, plain, vectors.length, java.util.Arrays.copyOf(extra, dml));
          dml(out, eider, s, vectors.length, java.util.Arrays.copyOf(extra, 2 * dml + text), text);
        }
      }
    } finally {
      try (Stream<Path> paths = Files.walk(dir)) {
        for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    return 0;
  }

  /**
   * The baseline: the rows the prepared Eider step inserts, into a plain copy of the table (same shape
   * and rows, no index) through {@code jdbc:duckdb:}, one autocommit statement each, then again (other
   * keys) in one transaction. The vector is bound as text, as DuckDB's JDBC driver takes it.
   */
  private void duckDbInserts(PrintWriter out, Path plain, int first, float[][] rows)
      throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + plain);
        PreparedStatement insert = duck.prepareStatement(
            "INSERT INTO t VALUES (?, CAST(? AS FLOAT[" + rows[0].length + "]))")) {
      cpuMark = processCpuNanos();
      long t0 = System.nanoTime();
      for (int i = 0; i < rows.length; i++) {
        insert.setLong(1, first + i);
        insert.setString(2, text(rows[i]));
        insert.executeUpdate();
      }
      double auto = seconds(t0);
      row(out, "baseline: plain DuckDB (jdbc:duckdb:, no index), same prepared INSERT, autocommit",
          auto, rows.length / auto, "rows/s");
      t0 = System.nanoTime();
      duck.setAutoCommit(false);
      for (int i = 0; i < rows.length; i++) {
        insert.setLong(1, first + rows.length + i);
        insert.setString(2, text(rows[i]));
        insert.executeUpdate();
      }
      duck.commit();
      double transaction = seconds(t0);
      row(out, "baseline: plain DuckDB, same INSERTs in one transaction", transaction,
          rows.length / transaction, "rows/s");
    }
  }

  /**
   * Single-client DML through Eider, every statement committing on its own (Eider has no
   * multi-statement transactions): {@code text} inserts as SQL text with a vector literal (they also
   * warm the JIT up), {@code dml} prepared inserts with a {@code float[]} parameter, as many again
   * through executeBatch (one transaction on an indexed table); a top-1
   * search for every inserted vector; single-row deletes of the prepared ones; {@code dml} rows in one
   * INSERT ... SELECT and one DELETE of all the rest; then VACUUM INDEX, which merges the journal and
   * consolidates the deletes.
   */
  private void dml(PrintWriter out, Connection eider, Statement s, int first, float[][] extra,
      int text) throws Exception {
    int n = (extra.length - text) / 2;
    cpuMark = processCpuNanos();
    long t0 = System.nanoTime();
    for (int i = 2 * n; i < extra.length; i++) {
      s.executeUpdate("INSERT INTO t VALUES (" + (first + i) + ", ARRAY" + text(extra[i]) + ")");
    }
    double literal = seconds(t0);
    row(out, "INSERT VALUES (id, ARRAY[...]) as SQL text, autocommit", literal, text / literal,
        "rows/s");
    t0 = System.nanoTime();
    try (PreparedStatement insert = eider.prepareStatement(
        "INSERT INTO t VALUES (?, CAST(? AS FLOAT[" + extra[0].length + "]))")) {
      for (int i = 0; i < n; i++) {
        insert.setLong(1, first + i);
        insert.setObject(2, extra[i]);
        insert.executeUpdate();
      }
      double prepared = seconds(t0);
      row(out, "INSERT VALUES (?, CAST(? AS FLOAT[n])), float[] bound, autocommit", prepared,
          n / prepared, "rows/s");
      t0 = System.nanoTime();
      for (int i = n; i < 2 * n; i++) {
        insert.setLong(1, first + i);
        insert.setObject(2, extra[i]);
        insert.addBatch();
      }
      insert.executeBatch();
      double batch = seconds(t0);
      row(out, "the same INSERT, " + n + " rows in one executeBatch", batch, n / batch, "rows/s");
    }
    int found = 0;
    try (PreparedStatement search = eider.prepareStatement(
        "SELECT id FROM t ORDER BY emb <-> ? LIMIT 1")) {
      for (int i = 0; i < extra.length; i++) {
        search.setObject(1, extra[i]);
        try (ResultSet hit = search.executeQuery()) {
          found += hit.next() && hit.getLong(1) == first + i ? 1 : 0;
        }
      }
    }
    out.printf(Locale.ROOT, "| inserted rows found by a top-1 search for their vector | | | %d of %d |%n",
        found, extra.length);
    cpuMark = processCpuNanos();
    t0 = System.nanoTime();
    try (PreparedStatement delete = eider.prepareStatement("DELETE FROM t WHERE id = ?")) {
      for (int i = 0; i < n; i++) {
        delete.setLong(1, first + i);
        delete.executeUpdate();
      }
    }
    double deleted = seconds(t0);
    row(out, "DELETE WHERE id = ? (autocommit)", deleted, n / deleted, "rows/s");
    t0 = System.nanoTime();
    s.executeUpdate("INSERT INTO t SELECT * FROM staging");
    double batch = seconds(t0);
    row(out, "INSERT INTO t SELECT (" + n + " rows, one statement)", batch, n / batch, "rows/s");
    int rest = extra.length; // the batch and text rows, and as many staged rows as batch rows
    t0 = System.nanoTime();
    s.executeUpdate("DELETE FROM t WHERE id >= " + (first + n));
    double batchDelete = seconds(t0);
    row(out, "DELETE (" + rest + " rows, one statement)", batchDelete, rest / batchDelete, "rows/s");
    long blocks;
    try (ResultSet r = s.executeQuery("SELECT journal_blocks FROM sys.indexes WHERE name = 't_emb'")) {
      r.next();
      blocks = r.getLong(1);
    }
    cpuMark = processCpuNanos();
    t0 = System.nanoTime();
    s.execute("VACUUM INDEX t_emb");
    double vacuum = seconds(t0);
    row(out, "VACUUM INDEX (" + blocks + " journal blocks)", vacuum, blocks / vacuum, "blocks/s");
  }

  /** Prints a result row with the process CPU time the step used (steady while other programs load the machine). */
  private void row(PrintWriter out, String step, double seconds, double rate, String unit) {
    long cpu = processCpuNanos();
    out.printf(Locale.ROOT, "| %s | %.2f | %.2f | %,.0f %s |%n", step, seconds, (cpu - cpuMark) / 1e9,
        rate, unit);
    out.flush();
    cpuMark = processCpuNanos();
  }

  private static long processCpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
        .getProcessCpuTime();
  }

  /**
   * Table {@code t} with {@code vectors}, keys 0.., and {@code staging} with {@code staged}, keys after
   * those of the DML steps.
   */
  private static void load(Path file, float[][] vectors, float[][] staged, long firstStagedKey)
      throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      for (String table : new String[] {"t", "staging"}) {
        s.execute("CREATE TABLE " + table + " (id BIGINT PRIMARY KEY, emb FLOAT["
            + vectors[0].length + "])");
      }
      append(duck, "t", vectors, 0);
      append(duck, "staging", staged, firstStagedKey);
    }
  }

  private static void append(Connection duck, String table, float[][] rows, long firstKey)
      throws Exception {
    try (DuckDBAppender appender = duck.unwrap(DuckDBConnection.class).createAppender("main", table)) {
      for (int i = 0; i < rows.length; i++) {
        appender.beginRow().append(firstKey + i).append(rows[i]).endRow();
      }
    }
  }

  private static float[][] random(int n, int d, long seed) {
    Random random = new Random(seed);
    float[][] v = new float[n][d];
    for (float[] row : v) {
      for (int j = 0; j < d; j++) {
        row[j] = random.nextFloat() * 2 - 1;
      }
    }
    return v;
  }

  private static String text(float[] v) {
    StringBuilder b = new StringBuilder("[");
    for (int i = 0; i < v.length; i++) {
      b.append(i == 0 ? "" : ",").append(v[i]);
    }
    return b.append(']').toString();
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }
}
