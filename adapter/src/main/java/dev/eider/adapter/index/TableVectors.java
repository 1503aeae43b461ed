package dev.eider.adapter.index;

import dev.eider.lmdiskann.BuildProgress;
import dev.eider.lmdiskann.VectorSource;
import java.sql.Array;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;

/**
 * A snapshot of a table's non-NULL vectors and their row keys, read in one {@code SELECT key, vec
 * ORDER BY key} through {@code ResultSet.getArray}. Of the read paths measured on 60,000 x 784 floats
 * (getArray, {@code unnest} to one float per row, the text form), getArray was the fastest by an order
 * of magnitude.
 */
final class TableVectors implements VectorSource {
  private final int dimensions;
  private long[] keys;
  private float[] data;
  private int size;

  private TableVectors(int dimensions, int capacity) {
    this.dimensions = dimensions;
    this.keys = new long[Math.max(16, capacity)];
    this.data = new float[Math.multiplyExact(keys.length, dimensions)];
  }

  /**
   * Reads the vectors of the indexed table; {@code progress} hears phase "read" every 4096 rows.
   */
  static TableVectors read(Connection connection, IndexDefinition definition, BuildProgress progress)
      throws SQLException {
    String key = IndexDefinition.quote(definition.keyColumn());
    String column = IndexDefinition.quote(definition.column());
    int expected;
    try (Statement count = connection.createStatement();
        ResultSet rows = count.executeQuery("SELECT count(*) FROM " + definition.qualifiedTable()
            + " WHERE " + column + " IS NOT NULL")) {
      rows.next();
      expected = Math.toIntExact(rows.getLong(1));
    }
    TableVectors vectors = new TableVectors(definition.config().dimensions(), expected);
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT " + key + ", " + column + " FROM "
            + definition.qualifiedTable() + " WHERE " + column + " IS NOT NULL ORDER BY " + key)) {
      while (rows.next()) {
        vectors.add(rows.getLong(1), rows.getArray(2));
        if ((vectors.size & 4095) == 0) {
          progress.update("read", vectors.size, expected);
        }
      }
    }
    progress.update("read", vectors.size, expected);
    return vectors;
  }

  private void add(long key, Array array) throws SQLException {
    if (size == keys.length) {
      keys = Arrays.copyOf(keys, size * 2);
      data = Arrays.copyOf(data, Math.multiplyExact(keys.length, dimensions));
    }
    Object[] values = (Object[]) array.getArray();
    int offset = size * dimensions;
    for (int i = 0; i < dimensions; i++) {
      data[offset + i] = ((Number) values[i]).floatValue();
    }
    keys[size++] = key;
  }

  @Override
  public int size() {
    return size;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public long rowKey(int i) {
    return keys[i];
  }

  @Override
  public void read(int i, float[] into) {
    System.arraycopy(data, i * dimensions, into, 0, dimensions);
  }
}
