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
 * The index changes of one DuckDB transaction: journal blocks, lookup changes and the counters after
 * the last operation, buffered while the statement runs and written by {@link #flush} on the
 * statement's write session just before it commits.
 */
final class IndexTransaction {
  /**
   * Up to this many lookup rows go in through a cached prepared INSERT (one DuckDB statement each),
   * more through an appender (created per statement, so fixed cost).
   */
  private static final int PREPARED_ROWS = 4;
  /** Journal bytes per record beyond which a statement's journal is split into more records. */
  private static final long RECORD_BYTES = 1 << 20;

  private final IndexDefinition definition;
  private final WriteSession session;
  private final List<JournalBlock> blocks = new ArrayList<>();
  private final Map<Long, Integer> lookup = new LinkedHashMap<>();
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

  void remove(long rowKey) {
    lookup.put(rowKey, RowKeyMap.NO_NODE);
    removed.add(rowKey);
  }

  /** Writes everything buffered into DuckDB on the transaction's session. */
  void flush() throws SQLException {
    if (meta != null) {
      insertJournal();
    }
    if (!lookup.isEmpty()) {
      deleteLookup();
      insertLookup();
    }
  }

  /**
   * The statement's journal rows as one {@link JournalRecord}, or several of at most {@link
   * #RECORD_BYTES} for a big statement, each carrying the counters after the statement.
   */
  private void insertJournal() throws SQLException {
    PreparedStatement insert = session.prepared("INSERT INTO "
        + definition.indexTable(IndexCatalog.JOURNAL) + " (epoch, record) VALUES (?, ?)");
    int from = 0;
    do {
      int to = from;
      long bytes = 0;
      while (to < blocks.size()
          && (to == from || bytes + blocks.get(to).bytes().length <= RECORD_BYTES)) {
        bytes += blocks.get(to).bytes().length;
        to++;
      }
      insert.setLong(1, meta.epoch());
      insert.setBytes(2, new JournalRecord(meta, blocks.subList(from, to)).encode());
      insert.executeUpdate();
      from = to;
    } while (from < blocks.size());
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
  private void insertLookup() throws SQLException {
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
    DuckDBConnection duck = session.connection().unwrap(DuckDBConnection.class);
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
