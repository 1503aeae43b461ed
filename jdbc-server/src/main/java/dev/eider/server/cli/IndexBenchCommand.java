package dev.eider.server.cli;

import dev.eider.lmdiskann.BuildOptions;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.VectorSource;
import dev.eider.lmdiskann.io.Fvecs;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
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
 * {@code ./eider index-bench}: the index lifecycle through SQL. CREATE INDEX time against the core's own
 * build of the same vectors (the cost of streaming them out of DuckDB), then single-client autocommit
 * INSERT and DELETE throughput on the indexed table through {@code jdbc:eider:}, then VACUUM INDEX.
 */
@Command(name = "index-bench", mixinStandardHelpOptions = true,
    description = "CREATE INDEX vs core build time, INSERT/DELETE rows per second, VACUUM INDEX time.")
public final class IndexBenchCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
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
      description = "Rows inserted, then deleted, one autocommit statement each (default: ${DEFAULT-VALUE}).")
  private int dml;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    float[][] vectors = data != null ? Fvecs.readFvecs(data.resolve("base.fvecs"), rows)
        : random(rows, dims, 1);
    int d = vectors[0].length;
    Path dir = Files.createTempDirectory("eider-index-bench");
    try {
      Path file = dir.resolve("bench.duckdb");
      load(file, vectors);
      long[] keys = new long[vectors.length];
      java.util.Arrays.setAll(keys, i -> i);
      IndexConfig config = IndexConfig.defaults(d, Metric.parse(metric));
      long t0 = System.nanoTime();
      LmDiskannIndex.build(dir.resolve("core"), config, VectorSource.of(vectors, keys),
          BuildOptions.defaults(), new InMemoryJournal()).close();
      double core = seconds(t0);
      out.printf(Locale.ROOT, "%,d x %d vectors%n", vectors.length, d);
      out.printf(Locale.ROOT, "core build (vectors on the heap): %.1f s%n", core);
      try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
          Statement s = eider.createStatement()) {
        t0 = System.nanoTime();
        s.execute("CREATE INDEX t_emb ON t USING LM_DISKANN (emb) WITH (metric = '" + metric + "')");
        double create = seconds(t0);
        out.printf(Locale.ROOT, "CREATE INDEX: %.1f s (%.1f s or %.0f%% over the core build)%n",
            create, create - core, 100 * (create - core) / core);
        float[][] extra = random(dml, d, 2);
        t0 = System.nanoTime();
        try (PreparedStatement insert = eider.prepareStatement(
            "INSERT INTO t VALUES (?, CAST(? AS FLOAT[" + d + "]))")) {
          for (int i = 0; i < dml; i++) {
            insert.setLong(1, vectors.length + i);
            insert.setString(2, text(extra[i]));
            insert.executeUpdate();
          }
        }
        out.printf(Locale.ROOT, "INSERT (prepared, autocommit): %.0f rows/s%n", dml / seconds(t0));
        t0 = System.nanoTime();
        try (PreparedStatement delete = eider.prepareStatement("DELETE FROM t WHERE id = ?")) {
          for (int i = 0; i < dml; i++) {
            delete.setLong(1, vectors.length + i);
            delete.executeUpdate();
          }
        }
        out.printf(Locale.ROOT, "DELETE (prepared, autocommit): %.0f rows/s%n", dml / seconds(t0));
        t0 = System.nanoTime();
        s.execute("VACUUM INDEX t_emb");
        out.printf(Locale.ROOT, "VACUUM INDEX after %d inserts and %d deletes: %.2f s%n", dml, dml,
            seconds(t0));
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

  private static void load(Path file, float[][] vectors) throws Exception {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      s.execute("CREATE TABLE t (id BIGINT PRIMARY KEY, emb FLOAT[" + vectors[0].length + "])");
      try (DuckDBAppender appender = duck.unwrap(DuckDBConnection.class).createAppender("main", "t")) {
        for (int i = 0; i < vectors.length; i++) {
          appender.beginRow().append((long) i).append(vectors[i]).endRow();
        }
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
