package dev.eider.adapter.index;

import dev.eider.lmdiskann.RowKeyMap;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.sql.Connection;
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
 * on the statement's connection just before it commits.
 */
final class IndexTransaction {
  private final IndexDefinition definition;
  private final Connection connection;
  private final List<JournalBlock> blocks = new ArrayList<>();
  private final Map<Long, Integer> lookup = new LinkedHashMap<>();
  private final List<long[]> tombstones = new ArrayList<>();
  /** Keys whose lookup row may exist in the table (a key never indexed has none to delete). */
  private final Set<Long> removed = new HashSet<>();
  private IndexMeta meta;

  IndexTransaction(IndexDefinition definition, Connection connection) {
    this.definition = definition;
    this.connection = connection;
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

  /** Writes everything buffered into DuckDB on the transaction's connection. */
  void flush() throws SQLException {
    if (isEmpty()) {
      return;
    }
    DuckDBConnection duck = connection.unwrap(DuckDBConnection.class);
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
      if (!removed.isEmpty()) {
        try (Statement statement = connection.createStatement()) {
          statement.execute("DELETE FROM " + definition.lookupTable() + " WHERE row_key IN ("
              + keyList() + ")");
        }
      }
      try (DuckDBAppender appender = duck.createAppender(IndexDefinition.INDEX_SCHEMA,
          definition.name() + "_lookup")) {
        for (Map.Entry<Long, Integer> e : lookup.entrySet()) {
          if (e.getValue() != RowKeyMap.NO_NODE) {
            appender.beginRow().append(e.getKey().longValue()).append(e.getValue().intValue())
                .endRow();
          }
        }
      }
    }
    long epoch = meta == null ? 0 : meta.epoch();
    if (!tombstones.isEmpty()) {
      try (DuckDBAppender appender = duck.createAppender(IndexDefinition.INDEX_SCHEMA,
          definition.name() + "_tombstones")) {
        for (long[] t : tombstones) {
          appender.beginRow().append((int) t[0]).append(t[1]).append(epoch).endRow();
        }
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
