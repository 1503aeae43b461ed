package dev.eider.server.index;

import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static dev.eider.server.index.IndexFixture.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.Neighbor;
import dev.eider.lmdiskann.SearchParams;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DmlMaintenanceTest {
  @TempDir Path dir;

  @Test
  void insertUpdateDeleteKeepTheIndexEqualToTheTable() throws Exception {
    Path file = dir.resolve("dml.duckdb");
    IndexFixture.createDocs(file, 800, 3);
    Random random = new Random(4);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      try (PreparedStatement insert = eider.prepareStatement(
          "INSERT INTO docs (id, cat, emb) VALUES (?, ?, CAST(? AS FLOAT[16]))")) {
        for (int i = 0; i < 50; i++) {
          insert.setLong(1, 1000 + i);
          insert.setString(2, "new");
          insert.setString(3, text(IndexFixture.vector(random)));
          assertThat(insert.executeUpdate()).isEqualTo(1);
        }
      }
      try (PreparedStatement insert = eider.prepareStatement("INSERT INTO docs VALUES (?, ?, ?)")) {
        insert.setLong(1, 1100);
        insert.setString(2, "bound");
        insert.setObject(3, IndexFixture.vector(random));
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      try (PreparedStatement update = eider.prepareStatement("UPDATE docs SET emb = ? WHERE id = ?")) {
        update.setObject(1, IndexFixture.vector(random));
        update.setLong(2, 1100);
        assertThat(update.executeUpdate()).isEqualTo(1);
      }
      execute(eider, "INSERT INTO docs VALUES (2000, 'lit', ARRAY[" + text(IndexFixture.vector(random))
          .replace("[", "").replace("]", "") + "])");
      execute(eider, "INSERT INTO docs VALUES (2001, 'text', '" + text(IndexFixture.vector(random))
          + "')");
      execute(eider, "CREATE TABLE staging (id BIGINT, cat VARCHAR, emb FLOAT[16])");
      try (Connection duck = IndexFixture.duck(eider); Statement s = duck.createStatement()) {
        s.execute("INSERT INTO staging SELECT 3000 + i, 'staged', [random() - 0.5 for x in range(16)]"
            + " FROM range(40) t(i)");
      }
      assertThat(eider.createStatement().executeUpdate("INSERT INTO docs SELECT * FROM staging"))
          .isEqualTo(40);
      try (PreparedStatement update = eider.prepareStatement(
          "UPDATE docs SET emb = CAST(? AS FLOAT[16]) WHERE id = ?")) {
        for (long id = 10; id < 30; id++) {
          update.setString(1, text(IndexFixture.vector(random)));
          update.setLong(2, id);
          assertThat(update.executeUpdate()).isEqualTo(1);
        }
      }
      int journalBefore = index.stats().orElseThrow().journalBlocks();
      assertThat(eider.createStatement().executeUpdate("UPDATE docs SET cat = 'renamed' WHERE id < 100"))
          .isEqualTo(100);
      assertThat(index.stats().orElseThrow().journalBlocks()).isEqualTo(journalBefore);
      assertThat(eider.createStatement().executeUpdate("DELETE FROM docs WHERE mod(id, 7) = 3"))
          .isGreaterThan(100);
      execute(eider, "UPDATE docs SET emb = NULL WHERE id = 1");
      assertIndexMatchesTable(eider, index);

      assertThatThrownBy(() -> execute(eider, "INSERT INTO docs VALUES (5000, 'a', ARRAY["
          + zeros() + "]), (0, 'dup', ARRAY[" + zeros() + "])"))
          .isInstanceOf(SQLException.class);
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE id = 5000")).isZero();
      assertIndexMatchesTable(eider, index);

      try (Statement s = eider.createStatement(); ResultSet rs = s.executeQuery("SELECT name,"
          + " table_name, column_name, key_column, options, state, live_nodes, deleted_nodes,"
          + " journal_blocks, graph_file_bytes, merge_sequence FROM sys.indexes")) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString("name")).isEqualTo("docs_emb");
        assertThat(rs.getString("table_name")).isEqualTo("docs");
        assertThat(rs.getString("column_name")).isEqualTo("emb");
        assertThat(rs.getString("key_column")).isEqualTo("id");
        assertThat(rs.getString("options")).contains("metric=l2", "max_degree=16", "search_l=64");
        assertThat(rs.getString("state")).isEqualTo("READY");
        assertThat(rs.getLong("live_nodes")).isEqualTo(count(eider, "SELECT count(*) FROM docs"
            + " WHERE emb IS NOT NULL"));
        assertThat(rs.getLong("deleted_nodes")).isPositive();
        assertThat(rs.getLong("journal_blocks")).isPositive();
        assertThat(rs.getLong("graph_file_bytes")).isEqualTo(
            java.nio.file.Files.size(index.folder().resolve("graph.lmd")));
        assertThat(rs.getLong("merge_sequence")).isZero();
        assertThat(rs.next()).isFalse();
      }
      execute(eider, "VACUUM INDEX docs_emb");
      assertThat(count(eider, "SELECT merge_sequence FROM sys.indexes")).isEqualTo(1);
      assertThat(index.stats().orElseThrow().journalBlocks()).isZero();
      assertThat(index.stats().orElseThrow().pendingDeletes()).isZero();
      assertIndexMatchesTable(eider, index);
    }
    try (Connection eider = IndexFixture.eider(file)) {
      VectorIndex reopened = IndexFixture.index(eider, "docs_emb");
      assertThat(reopened.state()).isEqualTo(IndexState.READY);
      assertIndexMatchesTable(eider, reopened);
    }
  }

  private static String zeros() {
    return String.join(",", java.util.Collections.nCopies(IndexFixture.DIMS, "0.5"));
  }

  /**
   * Every row with a vector is in the index and is its own nearest neighbor; the index holds no row
   * the table lacks; the lookup table agrees. The self-searches use a beam as wide as the test tables,
   * so they check what the index holds rather than its recall (recall is asserted separately).
   */
  static void assertIndexMatchesTable(Connection eider, VectorIndex index) throws SQLException {
    Set<Long> keys = new HashSet<>();
    try (Connection duck = IndexFixture.duck(eider); Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("SELECT id, emb FROM docs WHERE emb IS NOT NULL")) {
      while (rs.next()) {
        long id = rs.getLong(1);
        keys.add(id);
        float[] v = floats(rs.getArray(2));
        List<Neighbor> found = index.search(v, SearchParams.top(3).withSearchL(2000)).neighbors();

        assertThat(found).as("search for row %d's own vector", id)
            .anyMatch(n -> n.rowKey() == id && n.distance() < 1e-4);
      }
      assertThat(index.liveCount()).isEqualTo(keys.size());
      try (Statement l = duck.createStatement();
          ResultSet lookup = l.executeQuery("SELECT row_key FROM " + index.lookupTable())) {
        Set<Long> mapped = new HashSet<>();
        while (lookup.next()) {
          mapped.add(lookup.getLong(1));
        }
        assertThat(mapped).isEqualTo(keys);
      }
    }
    float[] probe = new float[IndexFixture.DIMS];
    for (Neighbor n : index.search(probe, SearchParams.top(keys.size())).neighbors()) {
      assertThat(keys).contains(n.rowKey());
    }
  }

  static float[] floats(Array array) throws SQLException {
    Object[] values = (Object[]) array.getArray();
    float[] v = new float[values.length];
    for (int i = 0; i < v.length; i++) {
      v[i] = ((Number) values[i]).floatValue();
    }
    return v;
  }
}
