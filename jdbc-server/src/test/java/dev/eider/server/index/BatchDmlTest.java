package dev.eider.server.index;

import static dev.eider.server.index.DmlMaintenanceTest.assertIndexMatchesTable;
import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.index.VectorIndex;
import java.nio.file.Path;
import java.sql.BatchUpdateException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executeBatch} on an indexed table runs the batch as one transaction: per-element update counts
 * as DuckDB reports them, the index equal to the table afterwards, and a failing element fails the
 * batch with nothing of it kept (DuckDB's table, the index and a search are the oracles).
 */
class BatchDmlTest {
  @TempDir Path dir;

  @Test
  void batchesOfInsertsUpdatesAndDeletesReportEachElementsCount() throws Exception {
    Path file = dir.resolve("batch.duckdb");
    IndexFixture.createDocs(file, 300, 5);
    Random random = new Random(6);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      float[][] vectors = new float[100][];
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] = IndexFixture.vector(random);
          insert.setLong(1, 1000 + i);
          insert.setString(2, "batch");
          insert.setObject(3, vectors[i]);
          insert.addBatch();
        }
        long[] counts = insert.executeLargeBatch();
        long[] ones = new long[vectors.length];
        Arrays.fill(ones, 1);
        assertThat(counts).containsExactly(ones);
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'batch'")).isEqualTo(100);
      assertThat(topHit(eider, vectors[37])).isEqualTo(1037);
      assertIndexMatchesTable(eider, index);

      try (PreparedStatement update = eider.prepareStatement(
          "UPDATE docs SET emb = ?, cat = 'moved' WHERE id = ?")) {
        float[] moved = IndexFixture.vector(random);
        update.setObject(1, moved);
        update.setLong(2, 1001);
        update.addBatch();
        update.setObject(1, IndexFixture.vector(random));
        update.setLong(2, 99_999);
        update.addBatch();
        assertThat(update.executeBatch()).containsExactly(1, 0);
        assertThat(topHit(eider, moved)).isEqualTo(1001);
      }
      long below1010 = count(eider, "SELECT count(*) FROM docs WHERE id >= 1000 AND id < 1010");
      try (PreparedStatement delete = eider.prepareStatement(
          "DELETE FROM docs WHERE id >= ? AND id < ?")) {
        long[][] ranges = {{1000, 1010}, {1000, 1020}, {5000, 5001}, {0, 50}};
        for (long[] range : ranges) {
          delete.setLong(1, range[0]);
          delete.setLong(2, range[1]);
          delete.addBatch();
        }
        assertThat(delete.executeBatch()).containsExactly((int) below1010, 10, 0, 50);
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE id < 50 OR id BETWEEN 1000 AND 1019"))
          .isZero();
      assertIndexMatchesTable(eider, index);
    }
  }

  @Test
  void aFailingElementFailsTheBatchAndNothingOfItStays() throws Exception {
    Path file = dir.resolve("failing.duckdb");
    IndexFixture.createDocs(file, 300, 7);
    Random random = new Random(8);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      long liveBefore = index.liveCount();
      float[][] vectors = new float[20][];
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
        for (int i = 0; i < vectors.length; i++) {
          vectors[i] = IndexFixture.vector(random);
          insert.setLong(1, i == 12 ? 5 : 2000 + i);
          insert.setString(2, "doomed");
          insert.setObject(3, vectors[i]);
          insert.addBatch();
        }
        assertThatThrownBy(insert::executeBatch)
            .isInstanceOfSatisfying(BatchUpdateException.class, e -> {
              assertThat(e.getLargeUpdateCounts()).hasSize(20)
                  .containsOnly((long) Statement.EXECUTE_FAILED);
              assertThat(e.getMessage()).contains("Batch element 13 of 20 failed",
                  "Duplicate key \"id: 5\"", "none of its elements were applied");
            });
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'doomed'")).isZero();
      assertThat(index.liveCount()).isEqualTo(liveBefore);
      assertThat(topHit(eider, vectors[0])).isNotEqualTo(2000);
      assertIndexMatchesTable(eider, index);

      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
        insert.setLong(1, 2000);
        insert.setString(2, "again");
        insert.setObject(3, vectors[0]);
        insert.addBatch();
        assertThat(insert.executeBatch()).containsExactly(1);
      }
      assertThat(topHit(eider, vectors[0])).isEqualTo(2000);
      assertIndexMatchesTable(eider, index);
    }
  }

  @Test
  void aBatchOnATableWithoutIndexKeepsTheElementsBeforeAFailure() throws Exception {
    Path file = dir.resolve("plain.duckdb");
    IndexFixture.createDocs(file, 10, 9);
    try (Connection eider = IndexFixture.eider(file);
        PreparedStatement insert = eider.prepareStatement(
            "INSERT INTO docs (id, cat) VALUES (?, 'plain')")) {
      for (long id : new long[] {100, 101, 3, 102}) {
        insert.setLong(1, id);
        insert.addBatch();
      }
      assertThatThrownBy(insert::executeBatch)
          .isInstanceOfSatisfying(BatchUpdateException.class, e -> {
            assertThat(e.getLargeUpdateCounts()).containsExactly(1, 1);
            assertThat(e.getMessage()).contains("Batch element 3 of 4 failed",
                "elements 1 to 2 were applied");
          });
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'plain'")).isEqualTo(2);
    }
  }

  /** The id of the top-1 row for {@code query}, searched through SQL (the index serves it). */
  private static long topHit(Connection eider, float[] query) throws SQLException {
    try (PreparedStatement search = eider.prepareStatement(
        "SELECT id FROM docs ORDER BY emb <-> ? LIMIT 1")) {
      search.setObject(1, query);
      try (ResultSet rs = search.executeQuery()) {
        assertThat(rs.next()).isTrue();
        return rs.getLong(1);
      }
    }
  }
}
