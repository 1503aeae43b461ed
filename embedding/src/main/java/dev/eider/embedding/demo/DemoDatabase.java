package dev.eider.embedding.demo;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the demo database that {@code ./eider serve} and {@code ./eider demo} open: the table
 * {@value #TABLE} ({@code id, term, category, updated, definition, embedding FLOAT[384]}) with one
 * row per corpus entry and the embedding of its {@link CorpusEntry#text()}. The year column is
 * called {@code updated} because YEAR is a reserved word in SQL.
 *
 * <p>Idempotent and safe to interrupt: the database is built in {@code <db file>.partial}, one
 * committed batch at a time, and renamed atomically to the database file only when complete. A rerun
 * after an interruption keeps the batches already stored and embeds only the rest; an existing
 * database file is reused untouched.
 */
public final class DemoDatabase {

  /** The demo table. */
  public static final String TABLE = "foldoc";

  /** The one-row table that records how the demo was built (model, rows). */
  public static final String INFO_TABLE = "demo_info";

  private static final Logger LOG = LoggerFactory.getLogger(DemoDatabase.class);
  private static final int BATCH_ROWS = 128;

  private final TextEmbedder embedder;
  private final List<CorpusEntry> corpus;

  /**
   * @param embedder the model that embeds each entry's {@link CorpusEntry#text()}; queries must use
   *     the same one
   * @param corpus the entries to store, with distinct ids (tests pass a slice of the corpus)
   */
  public DemoDatabase(TextEmbedder embedder, List<CorpusEntry> corpus) {
    this.embedder = embedder;
    this.corpus = List.copyOf(corpus);
  }

  /**
   * The standard demo: creates the database at {@code dbFile} from the whole bundled corpus with the
   * model of {@code embed(text)} ({@link TextEmbedders#defaultModel()}), unless the file exists. An
   * existing file returns at once, without loading the model or the corpus.
   *
   * @return true if this call built it, false if an existing file was kept
   */
  public static boolean ensure(Path dbFile, BuildProgress progress) throws SQLException, IOException {
    if (Files.exists(dbFile)) {
      return false;
    }
    TextEmbedder embedder =
        TextEmbedders.fromClassPath(DemoDatabase.class.getClassLoader()).get(TextEmbedders.defaultModel());
    return new DemoDatabase(embedder, FoldocCorpus.bundled()).createIfMissing(dbFile, progress);
  }

  /**
   * Creates the demo database at {@code dbFile} from this corpus and model unless that file exists.
   *
   * @return true if this call built it, false if an existing file was kept
   */
  public boolean createIfMissing(Path dbFile, BuildProgress progress) throws SQLException, IOException {
    Path target = dbFile.toAbsolutePath();
    if (Files.exists(target)) {
      return false;
    }
    Files.createDirectories(target.getParent());
    Path partial = target.resolveSibling(target.getFileName() + ".partial");
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + partial)) {
      if (!startedWithSameInputs(connection)) {
        createTables(connection);
      }
      storeMissingRows(connection, progress);
      try (Statement statement = connection.createStatement()) {
        statement.execute("CHECKPOINT");
      }
    }
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    return true;
  }

  /** Whether the partial database holds an earlier run with the same model and corpus size. */
  private boolean startedWithSameInputs(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      if (!tableExists(statement, INFO_TABLE) || !tableExists(statement, TABLE)) {
        return false;
      }
      try (ResultSet info = statement.executeQuery("SELECT model, corpus_rows FROM " + INFO_TABLE)) {
        boolean same =
            info.next() && info.getString(1).equals(embedder.model()) && info.getLong(2) == corpus.size();
        if (!same) {
          LOG.info("The unfinished demo database was started with other inputs; starting again");
        }
        return same;
      }
    }
  }

  private static boolean tableExists(Statement statement, String table) throws SQLException {
    try (ResultSet rows =
        statement.executeQuery(
            "SELECT count(*) FROM information_schema.tables WHERE table_name = '" + table + "'")) {
      return rows.next() && rows.getLong(1) > 0;
    }
  }

  private void createTables(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("DROP TABLE IF EXISTS " + TABLE);
      statement.execute("DROP TABLE IF EXISTS " + INFO_TABLE);
      statement.execute(
          "CREATE TABLE " + TABLE + " (id BIGINT PRIMARY KEY, term VARCHAR NOT NULL,"
              + " category VARCHAR NOT NULL, updated INTEGER, definition VARCHAR NOT NULL,"
              + " embedding FLOAT[" + embedder.dimensions() + "] NOT NULL)");
      statement.execute(
          "CREATE TABLE " + INFO_TABLE + " (model VARCHAR NOT NULL, corpus_rows BIGINT NOT NULL)");
    }
    try (PreparedStatement insert =
        connection.prepareStatement("INSERT INTO " + INFO_TABLE + " VALUES (?, ?)")) {
      insert.setString(1, embedder.model());
      insert.setLong(2, corpus.size());
      insert.executeUpdate();
    }
  }

  private void storeMissingRows(Connection connection, BuildProgress progress) throws SQLException {
    Set<Long> stored = storedIds(connection);
    List<CorpusEntry> missing = corpus.stream().filter(entry -> !stored.contains(entry.id())).toList();
    progress.started(corpus.size() - missing.size(), corpus.size());
    for (int from = 0; from < missing.size(); from += BATCH_ROWS) {
      List<CorpusEntry> batch = missing.subList(from, Math.min(missing.size(), from + BATCH_ROWS));
      List<float[]> vectors = embedder.embedAll(batch.stream().map(CorpusEntry::text).toList());
      append(connection, batch, vectors);
      progress.advanced(batch.size());
    }
    progress.finished();
  }

  private static Set<Long> storedIds(Connection connection) throws SQLException {
    Set<Long> ids = new HashSet<>();
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id FROM " + TABLE)) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  /** Appends one batch; closing the appender flushes it as one commit, so a batch is all or nothing. */
  private static void append(Connection connection, List<CorpusEntry> batch, List<float[]> vectors)
      throws SQLException {
    try (DuckDBAppender appender =
        connection.unwrap(DuckDBConnection.class).createAppender("main", TABLE)) {
      for (int i = 0; i < batch.size(); i++) {
        CorpusEntry entry = batch.get(i);
        appender.beginRow().append(entry.id()).append(entry.term()).append(entry.category());
        if (entry.updated() == null) {
          appender.appendNull();
        } else {
          appender.append(entry.updated().intValue());
        }
        appender.append(entry.definition()).append(vectors.get(i)).endRow();
      }
    }
  }
}
