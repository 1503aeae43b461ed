package dev.eider.server.cli;

import dev.eider.lmdiskann.io.Fvecs;
import dev.eider.server.avatica.EiderServer;
import dev.eider.server.avatica.ServerLimits;
import dev.eider.server.avatica.ServerOptions;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code ./eider serve-bench}: the server's overhead. Runs the same filtered k=10 k-NN prepared statement
 * in-process ({@code jdbc:eider:}) and through the Avatica thin client against a local server, with 1, 2 and
 * 8 client threads, and prints QPS and latency percentiles side by side.
 */
@Command(name = "serve-bench", mixinStandardHelpOptions = true,
    description = "Measures the Avatica server's overhead on a filtered k=10 k-NN prepared statement.")
public final class ServeBenchCommand implements Callable<Integer> {

  private static final String KNN = "SELECT id, embedding <-> ? AS dist FROM docs WHERE category = ?"
      + " ORDER BY dist LIMIT 10";
  private static final int CATEGORIES = 10;

  @Spec
  private CommandSpec spec;

  @Option(names = "--data", paramLabel = "DIR",
      description = "Folder with base.fvecs and query.fvecs (default: ../shared/data/sift5k beside the Eider folder).")
  private Path data;

  @Option(names = "--threads", split = ",", defaultValue = "1,2,8",
      description = "Client thread counts (default: ${DEFAULT-VALUE}).")
  private List<Integer> threads;

  @Option(names = "--queries", defaultValue = "2000",
      description = "Timed queries per configuration, spread over its threads (default: ${DEFAULT-VALUE}).")
  private int queries;

  @Option(names = "--warmup", defaultValue = "500", description = "Untimed queries first (default: ${DEFAULT-VALUE}).")
  private int warmup;

  /** One configuration's measurements. */
  private record Result(String mode, int threads, double qps, double p50Millis, double p99Millis) {}

  @Override
  public Integer call() throws Exception {
    Path folder = data != null ? data
        : Path.of(System.getProperty("eider.home", ".")).resolve("../shared/data/sift5k").normalize();
    float[][] base = Fvecs.readFvecs(folder.resolve("base.fvecs"));
    float[][] queryVectors = Fvecs.readFvecs(folder.resolve("query.fvecs"));
    Path dir = Files.createTempDirectory("eider-serve-bench");
    Path database = dir.resolve("bench.duckdb");
    load(database, base);
    PrintWriter out = spec.commandLine().getOut();
    out.printf(Locale.ROOT, "%d base vectors x %d dims from %s, %d queries; statement:%n  %s%n", base.length,
        base[0].length, folder, queryVectors.length, KNN);
    OperatingSystemMXBean system = ManagementFactory.getOperatingSystemMXBean();
    out.printf(Locale.ROOT, "%d cores, load average %.1f at the start (client, server and engine share them)%n",
        system.getAvailableProcessors(), system.getSystemLoadAverage());
    List<Result> results = new ArrayList<>();
    String embedded = "jdbc:eider:duckdb=" + database;
    ServerOptions options = new ServerOptions(embedded, List.of(database), "127.0.0.1", 0,
        Serialization.PROTOBUF, null, ServerOptions.Authentication.BASIC, null,
        new ServerLimits(0, 0, Duration.ZERO, Duration.ofMinutes(10)), Duration.ofSeconds(10));
    try (EiderServer server = EiderServer.start(options)) {
      for (int threadCount : threads) {
        results.add(measure("in-process", embedded, threadCount, queryVectors));
        results.add(measure("thin client", server.clientUrl(), threadCount, queryVectors));
      }
    }
    print(out, results);
    return 0;
  }

  private static void load(Path database, float[][] base) throws SQLException {
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, category INT, embedding FLOAT["
          + base[0].length + "])");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO docs VALUES (?, ?, CAST(? AS FLOAT[" + base[0].length + "]))")) {
        for (int i = 0; i < base.length; i++) {
          insert.setLong(1, i);
          insert.setInt(2, i % CATEGORIES);
          insert.setString(3, Arrays.toString(base[i]));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  private Result measure(String mode, String url, int threadCount, float[][] queryVectors) throws Exception {
    int perThread = Math.max(1, queries / threadCount);
    int warmupPerThread = Math.max(1, warmup / threadCount);
    List<Callable<ClientRun>> clients = new ArrayList<>();
    for (int t = 0; t < threadCount; t++) {
      int offset = t * perThread;
      clients.add(() -> runClient(url, queryVectors, offset, warmupPerThread, perThread));
    }
    List<ClientRun> runs = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(threadCount)) {
      for (Future<ClientRun> future : pool.invokeAll(clients)) {
        runs.add(future.get());
      }
    }
    long[] latencies = runs.stream().flatMapToLong(run -> Arrays.stream(run.latencies())).sorted().toArray();
    long timedStart = runs.stream().mapToLong(ClientRun::timedStart).min().orElseThrow();
    long timedEnd = runs.stream().mapToLong(ClientRun::timedEnd).max().orElseThrow();
    return new Result(mode, threadCount, latencies.length / ((timedEnd - timedStart) / 1e9),
        percentile(latencies, 0.50) / 1e6, percentile(latencies, 0.99) / 1e6);
  }

  private static long percentile(long[] sorted, double fraction) {
    return sorted[(int) Math.min(sorted.length - 1, Math.max(0, Math.ceil(sorted.length * fraction) - 1))];
  }

  /** One client thread's timed latencies (ns) and the span of its timed phase. */
  private record ClientRun(long[] latencies, long timedStart, long timedEnd) {}

  /** One client: its own connection and prepared statement; warms up, then times {@code count} queries. */
  private static ClientRun runClient(String url, float[][] queryVectors, int offset, int warmupCount, int count)
      throws SQLException {
    long[] latencies = new long[count];
    long timedStart = 0;
    try (Connection connection = DriverManager.getConnection(url);
        PreparedStatement knn = connection.prepareStatement(KNN)) {
      for (int i = -warmupCount; i < count; i++) {
        int q = Math.floorMod(offset + i, queryVectors.length);
        long begin = System.nanoTime();
        if (i == 0) {
          timedStart = begin;
        }
        knn.setString(1, Arrays.toString(queryVectors[q]));
        knn.setInt(2, q % CATEGORIES);
        int rows = 0;
        try (ResultSet results = knn.executeQuery()) {
          while (results.next()) {
            rows++;
          }
        }
        if (rows != 10) {
          throw new IllegalStateException("query " + q + " returned " + rows + " rows instead of 10");
        }
        if (i >= 0) {
          latencies[i] = System.nanoTime() - begin;
        }
      }
    }
    return new ClientRun(latencies, timedStart, System.nanoTime());
  }

  private static void print(PrintWriter out, List<Result> results) {
    out.println();
    out.println("| mode | threads | QPS | p50 ms | p99 ms | server / in-process QPS |");
    out.println("|---|---:|---:|---:|---:|---:|");
    for (Result result : results) {
      double inProcess = results.stream()
          .filter(r -> r.mode().equals("in-process") && r.threads() == result.threads())
          .mapToDouble(Result::qps).findFirst().orElse(Double.NaN);
      out.printf(Locale.ROOT, "| %s | %d | %.0f | %.2f | %.2f | %s |%n", result.mode(), result.threads(),
          result.qps(), result.p50Millis(), result.p99Millis(),
          result.mode().equals("in-process") ? "" : String.format(Locale.ROOT, "%.2f", result.qps() / inProcess));
    }
    out.flush();
  }
}
