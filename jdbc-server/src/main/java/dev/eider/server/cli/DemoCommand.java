package dev.eider.server.cli;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import dev.eider.embedding.demo.BuildProgress;
import dev.eider.embedding.demo.CorpusEntry;
import dev.eider.embedding.demo.DemoDatabase;
import dev.eider.embedding.demo.FoldocCorpus;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./eider demo}: creates the demo database (FOLDOC with text embeddings) if it is missing. */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Creates the demo database if it is missing: the Free On-line Dictionary of Computing,"
          + " one row per entry with its category, year and a text embedding (FLOAT[384]).",
      "Safe to interrupt and rerun: an unfinished build resumes; a finished database is reused."
    })
final class DemoCommand implements Callable<Integer> {

  @Option(names = "--db", description = "Database file (default: the path in model.json).")
  private Path db;

  @Option(
      names = "--rows",
      description = "Embed only the first N entries (default 0: all of them).",
      defaultValue = "0")
  private int rows;

  @Option(
      names = "--model",
      description = "Embedding model (default: ${DEFAULT-VALUE}; also bge-small-en-v15-q).",
      defaultValue = TextEmbedders.DEFAULT_MODEL)
  private String model;

  @Override
  public Integer call() throws Exception {
    Path dbFile = db != null ? db.toAbsolutePath() : ModelFile.inHome().databaseFile();
    TextEmbedder embedder =
        TextEmbedders.fromClassPath(getClass().getClassLoader()).get(model);
    List<CorpusEntry> corpus = FoldocCorpus.bundled();
    if (rows < 0) {
      throw new IllegalArgumentException("--rows must be 0 (all) or positive, not " + rows);
    }
    if (rows > 0 && rows < corpus.size()) {
      corpus = corpus.subList(0, rows);
    }
    long started = System.nanoTime();
    boolean built = new DemoDatabase(embedder, corpus).ensure(dbFile, BuildProgress.consoleBar());
    double seconds = (System.nanoTime() - started) / 1e9;
    if (built) {
      System.out.printf(
          "Built the demo database %s: %d rows embedded with %s in %.1f s (%.0f rows/s).%n",
          dbFile, corpus.size(), embedder.model(), seconds, corpus.size() / seconds);
    } else {
      System.out.printf("The demo database %s exists; reusing it (delete it to rebuild).%n", dbFile);
    }
    System.out.println("Try it: ./eider sql   (the README's Tour has queries to paste)");
    return 0;
  }
}
