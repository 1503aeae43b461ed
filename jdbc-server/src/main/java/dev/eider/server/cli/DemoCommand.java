package dev.eider.server.cli;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import dev.eider.embedding.demo.BuildProgress;
import dev.eider.embedding.demo.CorpusEntry;
import dev.eider.embedding.demo.DemoDatabase;
import dev.eider.embedding.demo.FoldocCorpus;
import com.sun.management.OperatingSystemMXBean;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./eider demo}: creates the demo database (FOLDOC with text embeddings) if it is missing. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the demo database if it is missing: the Free On-line Dictionary of Computing,"
          + " one row per entry with its category, year of last update and a text embedding (FLOAT[384]),"
          + " then runs one query on it.",
      "Safe to interrupt and rerun: an unfinished build resumes; a finished database is reused."
    })
final class DemoCommand implements Callable<Integer> {

  /** The README's second Tour query: top-k by meaning. */
  static final String SAMPLE_QUERY =
      "SELECT term, category, embedding <=> embed('fast sorting') AS dist"
          + " FROM foldoc ORDER BY dist LIMIT 5";

  @Spec private CommandSpec spec;

  @Option(names = "--db", description = "Database file (default: the path in model.json).")
  private Path db;

  @Option(names = "--rows", description = "Embed only the first N entries (default: all of them).")
  private Integer rows;

  @Option(
      names = "--model",
      description = "Embedding model (default: the eider.embedding.model system property, else "
          + TextEmbedders.DEFAULT_MODEL + "; also bge-small-en-v15-q).")
  private String model;

  @Option(
      names = "--throughput",
      paramLabel = "N",
      description = "Instead of building, measure embedding speed on the first N corpus texts:"
          + " one text per call, then batches of " + THROUGHPUT_BATCH + ".")
  private Integer throughput;

  private static final int THROUGHPUT_BATCH = 128;

  @Override
  public Integer call() throws Exception {
    if (rows != null && rows <= 0) {
      throw new IllegalArgumentException("--rows must be positive, not " + rows);
    }
    if (throughput != null) {
      return measureThroughput();
    }
    Path dbFile = db != null ? db.toAbsolutePath() : ModelFile.inHome().databaseFile();
    TextEmbedder embedder =
        TextEmbedders.fromClassPath(getClass().getClassLoader())
            .get(model != null ? model : TextEmbedders.defaultModel());
    List<CorpusEntry> corpus = FoldocCorpus.bundled();
    if (rows != null && rows < corpus.size()) {
      corpus = corpus.subList(0, rows);
    }
    PrintWriter out = spec.commandLine().getOut();
    long started = System.nanoTime();
    boolean built =
        new DemoDatabase(embedder, corpus).createIfMissing(dbFile, BuildProgress.consoleBar());
    double seconds = (System.nanoTime() - started) / 1e9;
    DemoIndex.ensure(dbFile);
    if (built) {
      out.printf(
          "Built the demo database %s: %d rows embedded with %s in %.1f s (%.0f rows/s).%n",
          dbFile, corpus.size(), embedder.model(), seconds, corpus.size() / seconds);
    } else {
      out.printf("The demo database %s exists; reusing it (delete it to rebuild).%n", dbFile);
    }
    printSampleQuery(dbFile, out);
    out.println("More in the README's Tour: paste its queries in ./eider sql");
    out.flush();
    return 0;
  }

  private int measureThroughput() {
    if (throughput <= 0) {
      throw new IllegalArgumentException("--throughput must be positive, not " + throughput);
    }
    TextEmbedder embedder =
        TextEmbedders.fromClassPath(getClass().getClassLoader())
            .get(model != null ? model : TextEmbedders.defaultModel());
    List<String> texts =
        FoldocCorpus.bundled().stream().limit(throughput).map(CorpusEntry::text).toList();
    embedder.embed(texts.getFirst()); // load and warm up the model outside the timings
    PrintWriter out = spec.commandLine().getOut();
    out.printf("%s on %d corpus texts, %d cores (CPU time counts only this process's work):%n",
        embedder.model(), texts.size(), Runtime.getRuntime().availableProcessors());
    report(out, "one text per call", texts.size(), () -> texts.forEach(embedder::embed));
    report(out, "batches of " + THROUGHPUT_BATCH, texts.size(), () -> {
      for (int from = 0; from < texts.size(); from += THROUGHPUT_BATCH) {
        embedder.embedAll(texts.subList(from, Math.min(texts.size(), from + THROUGHPUT_BATCH)));
      }
    });
    out.flush();
    return 0;
  }

  private static void report(PrintWriter out, String how, int texts, Runnable work) {
    OperatingSystemMXBean os =
        (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
    long wallStart = System.nanoTime();
    long cpuStart = os.getProcessCpuTime();
    work.run();
    double wall = (System.nanoTime() - wallStart) / 1e9;
    double cpu = (os.getProcessCpuTime() - cpuStart) / 1e9;
    out.printf("  %-18s %6.0f texts/s  %6.0f texts per CPU-second%n", how, texts / wall, texts / cpu);
  }

  private static void printSampleQuery(Path dbFile, PrintWriter out) throws SQLException {
    out.println();
    out.println(SAMPLE_QUERY + ";");
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + dbFile);
        Statement statement = eider.createStatement();
        ResultSet rows = statement.executeQuery(SAMPLE_QUERY)) {
      while (rows.next()) {
        out.printf("  %-28s %-18s %.3f%n", rows.getString(1), rows.getString(2), rows.getDouble(3));
      }
    }
  }
}
