package dev.eider.adapter.index;

import dev.eider.lmdiskann.InMemoryRowKeyMap;
import dev.eider.lmdiskann.RowKeyMap;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Row key to node id: an in-memory map loaded from {@code <index>_lookup} at open, whose changes also
 * go to the journal's current {@link IndexTransaction} so the lookup table commits with them.
 */
final class LookupRowKeyMap implements RowKeyMap {
  private final InMemoryRowKeyMap map = new InMemoryRowKeyMap();
  private final DuckDbJournal journal;
  private int size;

  private LookupRowKeyMap(DuckDbJournal journal) {
    this.journal = journal;
  }

  /** The lookup table's rows, for an index whose journal is {@code journal}. */
  static LookupRowKeyMap load(Connection connection, IndexDefinition definition,
      DuckDbJournal journal) throws SQLException {
    LookupRowKeyMap lookup = new LookupRowKeyMap(journal);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT row_key, node_id FROM " + definition.lookupTable())) {
      while (rows.next()) {
        lookup.map.put(rows.getLong(1), rows.getInt(2));
        lookup.size++;
      }
    }
    return lookup;
  }

  /** Number of row keys mapped. */
  int size() {
    return size;
  }

  @Override
  public int nodeOf(long rowKey) {
    return map.nodeOf(rowKey);
  }

  @Override
  public void put(long rowKey, int nodeId) {
    map.put(rowKey, nodeId);
    size++;
    IndexTransaction transaction = journal.bound();
    if (transaction != null) {
      transaction.put(rowKey, nodeId);
    }
  }

  @Override
  public void remove(long rowKey) {
    map.remove(rowKey);
    size--;
    IndexTransaction transaction = journal.bound();
    if (transaction != null) {
      transaction.remove(rowKey);
    }
  }
}
