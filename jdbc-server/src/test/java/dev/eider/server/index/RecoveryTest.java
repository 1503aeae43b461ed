package dev.eider.server.index;

import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.JournalRecord;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.disk.GraphHeader;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows written behind Eider's back are taken in; damaged graph files and journals are rebuilt. */
class RecoveryTest {
  @TempDir Path dir;

  @Test
  void rowsWrittenByOtherProgramsAreTakenInAtOpenAndOnRefresh() throws Exception {
    Path file = dir.resolve("ext.duckdb");
    IndexFixture.createDocs(file, 400, 5);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      s.execute("INSERT INTO docs SELECT 900 + i, 'ext', [random() * 2 - 1 for x in range(16)]"
          + " FROM range(30) t(i)");
      s.execute("DELETE FROM docs WHERE id < 25");
    }
    try (Connection eider = IndexFixture.eider(file)) {
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      assertThat(index.state()).isEqualTo(IndexState.READY);
      DmlMaintenanceTest.assertIndexMatchesTable(eider, index);
      try (Connection duck = IndexFixture.duck(eider); Statement s = duck.createStatement()) {
        s.execute("INSERT INTO docs SELECT 2000 + i, 'ext', [random() * 2 - 1 for x in range(16)]"
            + " FROM range(12) t(i)");
        s.execute("DELETE FROM docs WHERE id BETWEEN 100 AND 110");
      }
      execute(eider, "ALTER INDEX docs_emb REFRESH");
      DmlMaintenanceTest.assertIndexMatchesTable(eider, index);
      execute(eider, "ALTER INDEX docs_emb REBUILD");
      assertThat(index.state()).isEqualTo(IndexState.READY);
      DmlMaintenanceTest.assertIndexMatchesTable(eider, index);
    }
  }

  @Test
  void aDamagedGraphFileIsDetectedAtOpenAndRebuilt() throws Exception {
    Path file = dir.resolve("graph.duckdb");
    IndexFixture.createDocs(file, 500, 6);
    Path graph;
    long damagedByte;
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      graph = index.folder().resolve("graph.lmd");
      execute(eider, "DELETE FROM docs WHERE id < 40");
      damagedByte = middleOfBlockNotInJournal(eider, index.definition().config());
    }
    try (RandomAccessFile raf = new RandomAccessFile(graph.toFile(), "rw")) {
      raf.seek(damagedByte);
      int b = raf.read();
      raf.seek(damagedByte);
      raf.write(b ^ 0x5A);
    }
    assertRebuiltAndCorrect(file);
  }

  @Test
  void aDamagedJournalRowIsDetectedAtOpenAndRebuilt() throws Exception {
    Path file = dir.resolve("journal.duckdb");
    IndexFixture.createDocs(file, 500, 7);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      execute(eider, "UPDATE docs SET emb = CAST('" + IndexFixture.text(IndexFixture.vector(
          new Random(8))) + "' AS FLOAT[16]) WHERE id = 3");
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      byte[] bytes;
      long epoch;
      try (Statement s = duck.createStatement();
          ResultSet rs = s.executeQuery("SELECT epoch, record FROM lmdiskann.docs_emb_journal"
              + " ORDER BY epoch LIMIT 1")) {
        assertThat(rs.next()).isTrue();
        epoch = rs.getLong(1);
        bytes = rs.getBytes(2);
      }
      bytes[bytes.length / 2] ^= 0x21;
      try (PreparedStatement p = duck.prepareStatement(
          "UPDATE lmdiskann.docs_emb_journal SET record = ? WHERE epoch = ?")) {
        p.setBytes(1, bytes);
        p.setLong(2, epoch);
        assertThat(p.executeUpdate()).isPositive();
      }
    }
    assertRebuiltAndCorrect(file);
  }

  /** The reopened index answers exactly as the one that wrote the journal. */
  @Test
  void aStatementWhoseJournalSpansSeveralRecordsIsReadBackWhole() throws Exception {
    Path file = dir.resolve("bulk.duckdb");
    IndexFixture.createDocs(file, 200, 11);
    List<float[]> queries = new ArrayList<>();
    Random random = new Random(12);
    for (int i = 0; i < 30; i++) {
      queries.add(IndexFixture.vector(random));
    }
    List<List<Long>> before = new ArrayList<>();
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      try (Connection duck = IndexFixture.duck(eider); Statement s = duck.createStatement()) {
        s.execute("CREATE TABLE staging AS SELECT 1000 + i AS id, 'bulk' AS cat,"
            + " [random() * 2 - 1 for x in range(16)]::FLOAT[16] AS emb FROM range(3000) t(i)");
      }
      execute(eider, "INSERT INTO docs SELECT * FROM staging");
      try (Connection duck = IndexFixture.duck(eider)) {
        assertThat(count(duck, "SELECT count(*) FROM lmdiskann.docs_emb_journal"))
            .as("a megabyte per record").isGreaterThan(1);
        assertThat(count(duck, "SELECT count(DISTINCT epoch) FROM lmdiskann.docs_emb_journal"))
            .as("one statement").isOne();
      }
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      for (float[] query : queries) {
        before.add(IndexFixture.indexTopK(index, query, 10));
      }
    }
    try (Connection eider = IndexFixture.eider(file)) {
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      assertThat(index.state()).isEqualTo(IndexState.READY);
      assertThat(index.liveCount()).isEqualTo(3200);
      for (int i = 0; i < queries.size(); i++) {
        assertThat(IndexFixture.indexTopK(index, queries.get(i), 10)).as("query %d", i)
            .isEqualTo(before.get(i));
      }
      assertThat(IndexFixture.recall(eider, index, 20, 10, 13)).isGreaterThan(0.9);
    }
  }

  @Test
  void anIndexOfTheOlderJournalLayoutIsRebuilt() throws Exception {
    Path file = dir.resolve("legacy.duckdb");
    IndexFixture.createDocs(file, 300, 10);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      execute(eider, "DELETE FROM docs WHERE id < 20");
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement s = duck.createStatement()) {
      s.execute("ALTER TABLE lmdiskann.docs_emb_journal RENAME TO docs_emb_blocks");
      s.execute("CREATE TABLE lmdiskann.docs_emb_tombstones (node_id INTEGER NOT NULL,"
          + " row_key BIGINT NOT NULL, epoch BIGINT NOT NULL)");
    }
    assertRebuiltAndCorrect(file);
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(count(duck, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'lmdiskann'"
          + " AND table_name IN ('docs_emb_blocks', 'docs_emb_tombstones')"))
          .as("the tables of the older layout are gone").isZero();
    }
  }

  /**
   * A byte in the middle of a graph-file block that the journal does not supersede, so that the damage
   * is in a block the index would really read.
   */
  private static long middleOfBlockNotInJournal(Connection eider, IndexConfig config)
      throws SQLException {
    Set<Integer> journaled = new HashSet<>();
    try (Connection duck = IndexFixture.duck(eider);
        Statement s = duck.createStatement();
        ResultSet rs = s.executeQuery("SELECT epoch, record FROM lmdiskann.docs_emb_journal")) {
      while (rs.next()) {
        for (JournalBlock entry : JournalRecord.decode(rs.getBytes(2), rs.getLong(1)).entries()) {
          journaled.add(entry.nodeId());
        }
      }
    }
    int node = 0;
    while (journaled.contains(node)) {
      node++;
    }
    int blockSize = new BlockLayout(config).blockSize();
    return GraphHeader.headerBytes(config.dimensions()) + (long) node * blockSize + blockSize / 2;
  }

  /** Opening finds the damage (BROKEN), the background rebuild makes it READY and correct. */
  private static void assertRebuiltAndCorrect(Path file) throws Exception {
    try (Connection eider = IndexFixture.eider(file)) {
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      IndexFixture.awaitBackground(eider);
      assertThat(index.state()).isEqualTo(IndexState.READY);
      try (Connection duck = IndexFixture.duck(eider)) {
        assertThat(count(duck, "SELECT count(*) FROM lmdiskann.docs_emb_journal"))
            .as("a rebuild starts from an empty journal").isZero();
      }
      DmlMaintenanceTest.assertIndexMatchesTable(eider, index);
      assertThat(IndexFixture.recall(eider, index, 20, 10, 9)).isGreaterThan(0.9);
    }
  }
}
