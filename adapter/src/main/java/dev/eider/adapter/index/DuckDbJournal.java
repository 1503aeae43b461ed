package dev.eider.adapter.index;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.journal.BlockPatch;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.Journal;
import dev.eider.lmdiskann.journal.JournalBatch;
import dev.eider.lmdiskann.journal.JournalBlock;
import dev.eider.lmdiskann.journal.JournalState;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.StringJoiner;

/**
 * The index journal in DuckDB tables {@code <index>_journal} (append-only, a {@link JournalRecord} per
 * statement; the newest version of each node wins) and {@code <index>_meta} (the counters of the last
 * merge). Inside a DML statement the batches go to that statement's {@link IndexTransaction}, so they
 * commit or roll back with the base-table change; outside one (merge consolidation) each batch commits
 * on its own.
 *
 * <p>A changed block is stored as a {@link BlockPatch} against the version it was made from: the row
 * before it, or the graph file's block for the first change after a merge (a merge that died after
 * writing some blocks leaves them newer than the patches, which are then skipped). Only new blocks are
 * stored whole. A statement's counters travel in its record; a merge moves them into the meta table.
 */
final class DuckDbJournal implements Journal {
  private final DuckDbDatabase database;
  private final IndexDefinition definition;
  private final BlockLayout layout;
  private volatile IndexTransaction transaction;

  DuckDbJournal(DuckDbDatabase database, IndexDefinition definition) {
    this.database = database;
    this.definition = definition;
    this.layout = new BlockLayout(definition.config());
  }

  /** Routes the following batches into {@code current} ({@code null}: each batch commits alone). */
  void bind(IndexTransaction current) {
    transaction = current;
  }

  IndexTransaction bound() {
    return transaction;
  }

  @Override
  public JournalState load() {
    try (Connection connection = database.connect()) {
      List<JournalBlock> rows = new ArrayList<>();
      IndexMeta counters = null;
      try (Statement statement = connection.createStatement();
          ResultSet records = statement.executeQuery("SELECT epoch, record FROM "
              + definition.indexTable(IndexCatalog.JOURNAL) + " ORDER BY epoch")) {
        while (records.next()) {
          JournalRecord record = JournalRecord.decode(records.getBytes(2), records.getLong(1));
          rows.addAll(record.entries());
          counters = record.meta();
        }
      } catch (SQLException e) {
        if (!IndexCatalog.hasJournal(connection, definition)) {
          throw new CorruptIndexException("index " + definition.name() + " has no table "
              + definition.indexTable(IndexCatalog.JOURNAL) + ": an older Eider wrote its journal"
              + " (as " + definition.indexTable("blocks") + "); rebuild the index");
        }
        throw e;
      }
      rows.sort(Comparator.comparingInt(JournalBlock::nodeId)
          .thenComparingLong(JournalBlock::version));
      List<JournalBlock> blocks = new ArrayList<>();
      List<JournalBlock> patches = new ArrayList<>();
      int from = 0;
      for (int i = 1; i <= rows.size(); i++) {
        if (i == rows.size() || rows.get(i).nodeId() != rows.get(from).nodeId()) {
          resolve(rows.subList(from, i), blocks, patches);
          from = i;
        }
      }
      try (Statement statement = connection.createStatement();
          ResultSet meta = statement.executeQuery("SELECT next_node_id, entry_point, live_count,"
              + " free_list, merge_sequence, epoch, acknowledged_merge FROM "
              + definition.indexTable("meta"))) {
        if (!meta.next()) {
          return new JournalState(blocks, counters, 0, patches);
        }
        long acknowledged = meta.getLong(7);
        meta.getInt(1);
        IndexMeta merged = meta.wasNull() ? null : new IndexMeta(meta.getInt(1), meta.getInt(2),
            meta.getInt(3), ints(meta.getArray(4)), meta.getLong(5), meta.getLong(6));
        boolean recordNewer = counters != null
            && (merged == null || counters.epoch() > merged.epoch());
        return new JournalState(blocks, recordNewer ? counters : merged, acknowledged, patches);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the journal of index " + definition.name()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the journal rows of one node (in version order) to {@code blocks} as its newest whole block,
   * when a whole block starts its chain, or else to {@code patches}, to be applied to the graph file's
   * block.
   */
  private void resolve(List<JournalBlock> node, List<JournalBlock> blocks,
      List<JournalBlock> patches) {
    int start = node.size() - 1;
    while (start >= 0 && BlockPatch.isPatch(node.get(start).bytes(), layout)) {
      start--;
    }
    if (start < 0) {
      patches.addAll(node);
    } else {
      byte[] bytes = node.get(start).bytes();
      for (JournalBlock row : node.subList(start + 1, node.size())) {
        bytes = BlockPatch.apply(bytes, row.bytes(), layout, row.nodeId());
      }
      JournalBlock last = node.getLast();
      blocks.add(new JournalBlock(last.nodeId(), bytes, last.version(), last.epoch(),
          last.tombstone(), last.checksum()));
    }
  }

  @Override
  public void record(JournalBatch batch) {
    List<JournalBlock> rows = new ArrayList<>(batch.blocks().size());
    for (JournalBlock b : batch.blocks()) {
      byte[] patch = b.base() == null ? null : BlockPatch.diff(b.base(), b.bytes(), layout);
      rows.add(patch == null ? b : new JournalBlock(b.nodeId(), patch, b.version(), b.epoch(),
          b.tombstone(), b.checksum()));
    }
    IndexTransaction current = transaction;
    if (current != null) {
      current.record(rows, batch.meta());
      return;
    }
    try (WriteSession session = new WriteSession(database.connect(), 0)) {
      session.begin();
      IndexTransaction alone = new IndexTransaction(definition, session);
      alone.record(rows, batch.meta());
      alone.flush();
      session.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot write the journal of index " + definition.name()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Deletes every record up to the epoch of {@code metaAfter}: a merge runs under the index's write
   * lock, after the last statement was published, so the graph file holds all of them.
   */
  @Override
  public void acknowledgeMerged(long mergeSequence, List<JournalBlock> merged, IndexMeta metaAfter) {
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement records = connection.prepareStatement("DELETE FROM "
          + definition.indexTable(IndexCatalog.JOURNAL) + " WHERE epoch <= ?")) {
        records.setLong(1, metaAfter.epoch());
        records.executeUpdate();
      }
      writeMeta(connection, definition, metaAfter, mergeSequence);
      connection.commit();
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot acknowledge merge " + mergeSequence + " of index "
          + definition.name() + ": " + e.getMessage(), e);
    }
  }

  /** Replaces the meta table's counters with those after merge {@code mergeSequence}. */
  private static void writeMeta(Connection connection, IndexDefinition definition, IndexMeta meta,
      long mergeSequence) throws SQLException {
    try (PreparedStatement update = connection.prepareStatement("UPDATE "
        + definition.indexTable("meta") + " SET next_node_id = ?, entry_point = ?, live_count = ?,"
        + " free_list = CAST(? AS INTEGER[]), merge_sequence = ?, epoch = ?,"
        + " acknowledged_merge = greatest(acknowledged_merge, ?), last_merge = ?")) {
      update.setInt(1, meta.nextNodeId());
      update.setInt(2, meta.entryPoint());
      update.setInt(3, meta.liveCount());
      update.setString(4, intList(meta.freeList()));
      update.setLong(5, meta.mergeSequence());
      update.setLong(6, meta.epoch());
      update.setLong(7, mergeSequence);
      update.setTimestamp(8, Timestamp.from(Instant.now()));
      update.executeUpdate();
    }
  }

  private static String intList(int[] values) {
    StringJoiner list = new StringJoiner(",", "[", "]");
    for (int v : values) {
      list.add(Integer.toString(v));
    }
    return list.toString();
  }

  private static int[] ints(Array array) throws SQLException {
    if (array == null) {
      return new int[0];
    }
    Object[] values = (Object[]) array.getArray();
    int[] ints = new int[values.length];
    for (int i = 0; i < ints.length; i++) {
      ints[i] = ((Number) values[i]).intValue();
    }
    return ints;
  }
}
