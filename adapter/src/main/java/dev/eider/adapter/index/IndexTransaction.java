package dev.eider.adapter.index;

import dev.eider.lmdiskann.RowKeyMap;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;

/**
 * The index changes of one DuckDB transaction: journal blocks, lookup changes, tombstones and the
 * counters after the last operation, buffered while the statement runs and written by {@link #flush}
 * on the statement's write session just before it commits.
 */
final class IndexTransaction {
  /**
   * Up to this many lookup or tombstone rows go in through a cached prepared INSERT (one DuckDB
   * statement each), more through an appender (created per statement, so fixed cost).
   */
  private static final int PREPARED_ROWS = 4;

  private final IndexDefinition definition;
  private final WriteSession session;
  private final List<JournalBlock> blocks = new ArrayList<>();
  private final Map<Long, Integer> lookup = new LinkedHashMap<>();
  private final List<long[]> tombstones = new ArrayList<>();
  /** Keys whose lookup row may exist in the table (a key never indexed has none to delete). */
  private final Set<Long> removed = new HashSet<>();
  private IndexMeta meta;

  IndexTransaction(IndexDefinition definition, WriteSession session) {
    this.definition = definition;
    this.session = session;
  }

  /** Buffers one operation's journal rows (whole blocks or patches) and the counters after it. */
  void record(List<JournalBlock> rows, IndexMeta after) {
    blocks.addAll(rows);
    meta = after;
  }

  void put(long rowKey, int nodeId) {
    lookup.put(rowKey, nodeId);
  }

  void remove(long rowKey, int nodeId) {
    lookup.put(rowKey, RowKeyMap.NO_NODE);
    removed.add(rowKey);
    tombstones.add(new long[] {nodeId, rowKey});
  }

  boolean isEmpty() {
    return meta == null && lookup.isEmpty();
  }

  /** Writes everything buffered into DuckDB on the transaction's session. */
  void flush() throws SQLException {
    if (isEmpty()) {
      return;
    }
    DuckDBConnection duck = session.connection().unwrap(DuckDBConnection.class);
    if (meta != null) {
      try (DuckDBAppender appender = duck.createAppender(IndexDefinition.INDEX_SCHEMA,
          definition.name() + "_blocks")) {
        for (JournalBlock b : blocks) {
          appender.beginRow().append(b.nodeId()).append(b.version()).append(b.epoch())
              .append(b.tombstone()).append(b.checksum()).append(b.bytes()).endRow();
        }
        byte[] counters = MetaRow.encode(meta);
        appender.beginRow().append(MetaRow.NODE).append(meta.epoch()).append(meta.epoch())
            .append(false).append(MetaRow.checksum(counters)).append(counters).endRow();
      }
    }
    if (!lookup.isEmpty()) {
      deleteLookup();
      insertLookup(duck);
    }
    if (!tombstones.isEmpty()) {
      insertTombstones(duck, meta == null ? 0 : meta.epoch());
    }
  }

  private void insertTombstones(DuckDBConnection duck, long epoch) throws SQLException {
    if (tombstones.size() <= PREPARED_ROWS) {
      PreparedStatement insert = session.prepared("INSERT INTO "
          + definition.indexTable("tombstones") + " (node_id, row_key, epoch) VALUES (?, ?, ?)");
      for (long[] t : tombstones) {
        insert.setInt(1, (int) t[0]);
        insert.setLong(2, t[1]);
        insert.setLong(3, epoch);
        insert.executeUpdate();
      }
      return;
    }
    try (DuckDBAppender appender = duck.createAppender(IndexDefinition.INDEX_SCHEMA,
        definition.name() + "_tombstones")) {
      for (long[] t : tombstones) {
        appender.beginRow().append((int) t[0]).append(t[1]).append(epoch).endRow();
      }
    }
  }

  /** Deletes the lookup rows of the removed keys: one cached statement for a single key. */
  private void deleteLookup() throws SQLException {
    if (removed.size() == 1) {
      PreparedStatement delete = session.prepared("DELETE FROM " + definition.lookupTable()
          + " WHERE row_key = ?");
      delete.setLong(1, removed.iterator().next());
      delete.executeUpdate();
    } else if (!removed.isEmpty()) {
      try (Statement statement = session.connection().createStatement()) {
        statement.execute("DELETE FROM " + definition.lookupTable() + " WHERE row_key IN ("
            + keyList() + ")");
      }
    }
  }

  /** Inserts the lookup rows of the indexed keys. */
  private void insertLookup(DuckDBConnection duck) throws SQLException {
    List<Map.Entry<Long, Integer>> rows = lookup.entrySet().stream()
        .filter(e -> e.getValue() != RowKeyMap.NO_NODE).toList();
    if (rows.size() <= PREPARED_ROWS) {
      for (Map.Entry<Long, Integer> e : rows) {
        PreparedStatement insert = session.prepared("INSERT INTO " + definition.lookupTable()
            + " (row_key, node_id) VALUES (?, ?)");
        insert.setLong(1, e.getKey());
        insert.setInt(2, e.getValue());
        insert.executeUpdate();
      }
      return;
    }
    try (DuckDBAppender appender = duck.createAppender(IndexDefinition.INDEX_SCHEMA,
        definition.name() + "_lookup")) {
      for (Map.Entry<Long, Integer> e : rows) {
        appender.beginRow().append(e.getKey().longValue()).append(e.getValue().intValue()).endRow();
      }
    }
  }

  private String keyList() {
    StringJoiner keys = new StringJoiner(",");
    for (Long key : removed) {
      keys.add(Long.toString(key));
    }
    return keys.toString();
  }
}
