package dev.eider.server.index;

import static dev.eider.server.index.DmlMaintenanceTest.assertIndexMatchesTable;
import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.index.VectorIndex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Index writes reuse pooled DuckDB sessions with cached prepared statements: a session must come back
 * clean after a failed statement, must not outlive the tables of a dropped index, and must never be
 * shared by two writers at once. DuckDB's own tables are the oracle.
 */
class WriteSessionReuseTest {
  @TempDir Path dir;

  @Test
  void aFailedStatementChangesNothingAndTheNextOneWorks() throws Exception {
    Path file = dir.resolve("failed.duckdb");
    IndexFixture.createDocs(file, 300, 11);
    Random random = new Random(12);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)");
          PreparedStatement delete = eider.prepareStatement("DELETE FROM docs WHERE id = ?")) {
        for (int round = 0; round < 3; round++) {
          long journal = index.stats().orElseThrow().journalBlocks();
          insert.setLong(1, 5); // taken: the base-table insert fails on the primary key
          insert.setString(2, "dup");
          insert.setObject(3, IndexFixture.vector(random));
          assertThatThrownBy(insert::executeUpdate).isInstanceOf(SQLException.class);
          assertThat(index.stats().orElseThrow().journalBlocks()).isEqualTo(journal);
          assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'dup'")).isZero();

          insert.setLong(1, 1000 + round);
          insert.setString(2, "good");
          insert.setObject(3, IndexFixture.vector(random));
          assertThat(insert.executeUpdate()).isEqualTo(1);
          delete.setLong(1, 100 + round);
          assertThat(delete.executeUpdate()).isEqualTo(1);
        }
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'good'")).isEqualTo(3);
      assertThat(count(eider, "SELECT count(*) FROM docs")).isEqualTo(300);
      assertIndexMatchesTable(eider, index);
    }
  }

  @Test
  void writesAfterDropAndRecreateOfTheIndexGoToTheNewIndex() throws Exception {
    Path file = dir.resolve("recreate.duckdb");
    IndexFixture.createDocs(file, 300, 21);
    Random random = new Random(22);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)");
          PreparedStatement delete = eider.prepareStatement("DELETE FROM docs WHERE id = ?")) {
        insertRows(insert, random, 1000, 10);
        delete.setLong(1, 1);
        delete.executeUpdate();
        execute(eider, "DROP INDEX docs_emb");
        execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) WITH (metric = 'l2',"
            + " max_degree = 12, build_search_l = 24, search_l = 48, cache_mb = 8)");
      }
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)");
          PreparedStatement delete = eider.prepareStatement("DELETE FROM docs WHERE id = ?")) {
        insertRows(insert, random, 2000, 10);
        delete.setLong(1, 2);
        assertThat(delete.executeUpdate()).isEqualTo(1);
      }
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      assertThat(index.config().maxDegree()).isEqualTo(12);
      assertIndexMatchesTable(eider, index);
    }
    try (Connection eider = IndexFixture.eider(file)) {
      assertIndexMatchesTable(eider, IndexFixture.index(eider, "docs_emb"));
    }
  }

  @Test
  void concurrentConnectionsWriteTheSameIndex() throws Exception {
    Path file = dir.resolve("concurrent.duckdb");
    IndexFixture.createDocs(file, 300, 31);
    int writers = 3;
    int rows = 25;
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      ExecutorService pool = Executors.newFixedThreadPool(writers);
      try {
        List<Future<Integer>> done = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
          long first = 10_000L * (w + 1);
          long deleteFrom = 100L * w;
          done.add(pool.submit(() -> write(file, first, rows, deleteFrom)));
        }
        for (Future<Integer> writer : done) {
          assertThat(writer.get()).isEqualTo(rows);
        }
      } finally {
        pool.shutdown();
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE id >= 10000"))
          .isEqualTo((long) writers * rows);
      assertThat(count(eider, "SELECT count(*) FROM docs")).isEqualTo(300 + writers * (rows - 5));
      assertIndexMatchesTable(eider, IndexFixture.index(eider, "docs_emb"));
    }
  }

  /** On a connection of its own: inserts {@code rows} rows from key {@code first}, deletes 5 rows. */
  private static int write(Path file, long first, int rows, long deleteFrom) throws SQLException {
    Random random = new Random(first);
    try (Connection eider = IndexFixture.eider(file);
        PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)");
        PreparedStatement delete = eider.prepareStatement("DELETE FROM docs WHERE id = ?")) {
      int inserted = insertRows(insert, random, first, rows);
      for (long id = deleteFrom; id < deleteFrom + 5; id++) {
        delete.setLong(1, id);
        delete.executeUpdate();
      }
      return inserted;
    }
  }

  private static int insertRows(PreparedStatement insert, Random random, long first, int rows)
      throws SQLException {
    int inserted = 0;
    for (int i = 0; i < rows; i++) {
      insert.setLong(1, first + i);
      insert.setString(2, "new");
      insert.setObject(3, IndexFixture.vector(random));
      inserted += insert.executeUpdate();
    }
    return inserted;
  }
}
