package dev.eider.embedding.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DemoDatabaseTest {

  private static final int ROWS = 300;

  private final TextEmbedder embedder =
      TextEmbedders.fromClassPath(getClass().getClassLoader()).get(TextEmbedders.DEFAULT_MODEL);
  private final List<CorpusEntry> slice = FoldocCorpus.bundled().subList(0, ROWS);

  @TempDir Path dir;

  @Test
  void bundledCorpusIsTheConvertedDictionary() {
    List<CorpusEntry> corpus = FoldocCorpus.bundled();

    assertThat(corpus).hasSizeBetween(10_000, 50_000);
    assertThat(corpus).extracting(CorpusEntry::id).doesNotHaveDuplicates();
    assertThat(corpus)
        .filteredOn(entry -> entry.term().equals("Quicksort"))
        .singleElement()
        .satisfies(entry -> assertThat(entry.definition()).contains("sorting algorithm"));
    assertThat(corpus).extracting(CorpusEntry::category).contains("programming", "networking", "security");
  }

  @Test
  void buildStoresEveryEntryWithTheEmbeddingOfItsText() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");

    boolean built = new DemoDatabase(embedder, slice).createIfMissing(dbFile, BuildProgress.silent());

    assertThat(built).isTrue();
    assertThat(Files.exists(dbFile.resolveSibling("demo.duckdb.partial"))).isFalse();
    assertStoresExactly(dbFile, slice);
    try (Connection connection = openReadOnly(dbFile);
        Statement statement = connection.createStatement();
        ResultSet info = statement.executeQuery("SELECT model, corpus_rows FROM demo_info")) {
      assertThat(info.next()).isTrue();
      assertThat(info.getString(1)).isEqualTo(TextEmbedders.DEFAULT_MODEL);
      assertThat(info.getLong(2)).isEqualTo(ROWS);
    }
  }

  @Test
  void secondEnsureKeepsTheExistingDatabase() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");
    DemoDatabase demo = new DemoDatabase(embedder, slice.subList(0, 20));
    demo.createIfMissing(dbFile, BuildProgress.silent());
    byte[] before = Files.readAllBytes(dbFile);
    AtomicLong progressCalls = new AtomicLong();

    boolean builtAgain = demo.createIfMissing(dbFile, countingProgress(progressCalls, new AtomicLong()));

    assertThat(builtAgain).isFalse();
    assertThat(progressCalls).hasValue(0);
    assertThat(Files.readAllBytes(dbFile)).isEqualTo(before);
  }

  @Test
  void standardEnsureReturnsAtOnceForAnExistingFile() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");
    new DemoDatabase(embedder, slice.subList(0, 10)).createIfMissing(dbFile, BuildProgress.silent());
    byte[] before = Files.readAllBytes(dbFile);

    assertThat(DemoDatabase.ensure(dbFile, BuildProgress.silent())).isFalse();
    assertThat(Files.readAllBytes(dbFile)).isEqualTo(before);
  }

  @Test
  void failedBuildLeavesNoDatabaseAndTheRerunEmbedsOnlyTheRest() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");
    TextEmbedder failsOnThirdBatch = new FailingEmbedder(embedder, 2);

    assertThatThrownBy(
            () -> new DemoDatabase(failsOnThirdBatch, slice).createIfMissing(dbFile, BuildProgress.silent()))
        .isInstanceOf(IllegalStateException.class);
    assertThat(Files.exists(dbFile)).isFalse();

    AtomicLong resumedFrom = new AtomicLong(-1);
    boolean built =
        new DemoDatabase(embedder, slice).createIfMissing(dbFile, countingProgress(new AtomicLong(), resumedFrom));

    assertThat(built).isTrue();
    assertThat(resumedFrom.get()).isPositive().isLessThan(ROWS);
    assertStoresExactly(dbFile, slice);
  }

  @Test
  void buildKilledMidwayIsCompletedByTheNextRun() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");
    int rows = 640;
    Process child = startBuildProcess(dbFile, rows);
    try (BufferedReader output =
        new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = output.readLine()) != null && !line.equals("stored 256")) {
        assertThat(line).startsWith("stored ");
      }
      assertThat(line).as("the child build reported two stored batches").isEqualTo("stored 256");
    }
    child.destroyForcibly();
    assertThat(child.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.exists(dbFile)).as("a killed build publishes no database").isFalse();

    AtomicLong resumedFrom = new AtomicLong(-1);
    List<CorpusEntry> entries = FoldocCorpus.bundled().subList(0, rows);
    new DemoDatabase(embedder, entries).createIfMissing(dbFile, countingProgress(new AtomicLong(), resumedFrom));

    assertThat(resumedFrom.get()).isBetween(256L, (long) rows - 1);
    assertStoresExactly(dbFile, entries);
  }

  private Process startBuildProcess(Path dbFile, int rows) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java, "--enable-native-access=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"),
            DemoBuildProcess.class.getName(), dbFile.toString(), Integer.toString(rows))
        .redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
  }

  /** Every entry exactly once, with its fields and the embedding of its text (the oracle). */
  private void assertStoresExactly(Path dbFile, List<CorpusEntry> entries) throws SQLException {
    try (Connection connection = openReadOnly(dbFile);
        Statement statement = connection.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, term, category, updated, definition, embedding FROM foldoc ORDER BY id")) {
      List<CorpusEntry> stored = new ArrayList<>();
      while (rows.next()) {
        Integer updated = rows.getObject(4) == null ? null : rows.getInt(4);
        CorpusEntry entry =
            new CorpusEntry(rows.getLong(1), rows.getString(2), rows.getString(3), updated, rows.getString(5));
        stored.add(entry);
        if (entry.id() % 50 == 1) {
          assertThat(floats(rows.getArray(6)))
              .containsExactly(embedder.embed(entry.text()), within(1e-5f));
        }
      }
      assertThat(stored).containsExactlyElementsOf(entries);
    }
  }

  private static float[] floats(Array array) throws SQLException {
    Object[] elements = (Object[]) array.getArray();
    float[] vector = new float[elements.length];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) elements[i]).floatValue();
    }
    return vector;
  }

  private static Connection openReadOnly(Path dbFile) throws SQLException {
    java.util.Properties properties = new java.util.Properties();
    properties.setProperty("duckdb.read_only", "true");
    return DriverManager.getConnection("jdbc:duckdb:" + dbFile, properties);
  }

  private static BuildProgress countingProgress(AtomicLong calls, AtomicLong startedFrom) {
    return new BuildProgress() {
      @Override
      public void started(long done, long total) {
        calls.incrementAndGet();
        startedFrom.set(done);
      }

      @Override
      public void advanced(long rows) {
        calls.incrementAndGet();
      }

      @Override
      public void finished() {
        calls.incrementAndGet();
      }
    };
  }

  /** Delegates to a real embedder, then fails on a chosen batch, like a build that crashes midway. */
  private static final class FailingEmbedder implements TextEmbedder {
    private final TextEmbedder delegate;
    private int batchesLeft;

    FailingEmbedder(TextEmbedder delegate, int batchesBeforeFailure) {
      this.delegate = delegate;
      this.batchesLeft = batchesBeforeFailure;
    }

    @Override
    public String model() {
      return delegate.model();
    }

    @Override
    public int dimensions() {
      return delegate.dimensions();
    }

    @Override
    public float[] embed(String text) {
      return delegate.embed(text);
    }

    @Override
    public List<float[]> embedAll(List<String> texts) {
      if (batchesLeft-- == 0) {
        throw new IllegalStateException("simulated crash while embedding");
      }
      return delegate.embedAll(texts);
    }
  }
}
