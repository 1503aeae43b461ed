package dev.eider.embedding.demo;

import dev.eider.adapter.embed.TextEmbedders;
import java.nio.file.Path;

/** A demo build in its own JVM, printing "stored N" after each batch, so a test can kill it midway. */
public final class DemoBuildProcess {

  private DemoBuildProcess() {}

  public static void main(String[] args) throws Exception {
    Path dbFile = Path.of(args[0]);
    int rows = Integer.parseInt(args[1]);
    var embedder = TextEmbedders.fromClassPath(DemoBuildProcess.class.getClassLoader())
        .get(TextEmbedders.DEFAULT_MODEL);
    new DemoDatabase(embedder, FoldocCorpus.bundled().subList(0, rows))
        .createIfMissing(dbFile, new PrintingProgress());
  }

  private static final class PrintingProgress implements BuildProgress {
    private long stored;

    @Override
    public void started(long done, long total) {
      stored = done;
    }

    @Override
    public void advanced(long rows) {
      stored += rows;
      System.out.println("stored " + stored);
      System.out.flush();
    }

    @Override
    public void finished() {}
  }
}
