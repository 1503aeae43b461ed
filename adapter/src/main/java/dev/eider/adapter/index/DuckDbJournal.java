package dev.eider.adapter.index;

import dev.eider.adapter.duckdb.DuckDbDatabase;
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
import java.util.List;
import java.util.StringJoiner;

/**
 * The index journal in DuckDB tables {@code <index>_blocks} (append-only; the newest version of each
 * node wins) and {@code <index>_meta} (one row of counters). Inside a DML statement the batches go to
 * that statement's {@link IndexTransaction}, so they commit or roll back with the base-table change;
 * outside one (merge consolidation) each batch commits on its own.
 *
 * <p>A changed block is stored as a {@link BlockPatch} against the version it was made from: the row
 * before it, or the graph file's block for the first change after a merge (a merge that died after
 * writing some blocks leaves them newer than the patches, which are then skipped). Only new blocks are
 * stored whole. A statement's counters are a {@link MetaRow} in the same table; a merge moves them into
 * the meta table.
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
      List<JournalBlock> blocks = new ArrayList<>();
      List<JournalBlock> patches = new ArrayList<>();
      IndexMeta counters = null;
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT node_id, version, epoch, tombstone,"
              + " checksum, bytes FROM " + definition.indexTable("blocks")
              + " ORDER BY node_id, version")) {
        List<JournalBlock> node = new ArrayList<>();
        while (rows.next()) {
          int nodeId = rows.getInt(1);
          byte[] bytes = rows.getBytes(6);
          if (nodeId == MetaRow.NODE) {
            counters = MetaRow.decode(bytes, rows.getInt(5));
            continue;
          }
          if (!node.isEmpty() && node.getFirst().nodeId() != nodeId) {
            resolve(node, blocks, patches);
          }
          node.add(new JournalBlock(nodeId, bytes, rows.getLong(2), rows.getLong(3),
              rows.getBoolean(4), rows.getInt(5)));
        }
        resolve(node, blocks, patches);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT next_node_id, entry_point, live_count,"
              + " free_list, merge_sequence, epoch, acknowledged_merge FROM "
              + definition.indexTable("meta"))) {
        if (!rows.next()) {
          return new JournalState(blocks, counters, 0, patches);
        }
        long acknowledged = rows.getLong(7);
        rows.getInt(1);
        IndexMeta meta = rows.wasNull() ? null : new IndexMeta(rows.getInt(1), rows.getInt(2),
            rows.getInt(3), ints(rows.getArray(4)), rows.getLong(5), rows.getLong(6));
        boolean rowNewer = counters != null && (meta == null || counters.epoch() > meta.epoch());
        return new JournalState(blocks, rowNewer ? counters : meta, acknowledged, patches);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the journal of index " + definition.name()
          + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the rows of one node (in version order) to {@code blocks} as its newest whole block, when a
   * whole block starts its chain, or else to {@code patches}, to be applied to the graph file's block.
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
    node.clear();
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

  @Override
  public void acknowledgeMerged(long mergeSequence, List<JournalBlock> merged, IndexMeta metaAfter) {
    long mergedEpoch = merged.stream().mapToLong(JournalBlock::epoch).max().orElse(-1);
    try (Connection connection = database.connect()) {
      connection.setAutoCommit(false);
      try (PreparedStatement blocks = connection.prepareStatement(
              "DELETE FROM " + definition.indexTable("blocks") + " WHERE epoch <= ? OR node_id = "
                  + MetaRow.NODE);
          PreparedStatement tombstones = connection.prepareStatement(
              "DELETE FROM " + definition.indexTable("tombstones") + " WHERE epoch <= ?")) {
        blocks.setLong(1, mergedEpoch);
        blocks.executeUpdate();
        tombstones.setLong(1, metaAfter.epoch());
        tombstones.executeUpdate();
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
