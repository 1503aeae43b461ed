package dev.eider.adapter.index;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What CREATE INDEX needs to know about a table, read from DuckDB's catalog: that it exists, that the
 * indexed column is {@code FLOAT[n]}, and which integer column identifies its rows.
 *
 * @param schema     DuckDB schema (DuckDB's spelling)
 * @param table      table name (DuckDB's spelling)
 * @param column     the vector column (DuckDB's spelling)
 * @param dimensions n of {@code FLOAT[n]}
 * @param keyColumn  the unique NOT NULL integer key column (DuckDB's spelling)
 */
record TableShape(String schema, String table, String column, int dimensions, String keyColumn) {
  private static final Pattern VECTOR = Pattern.compile("(FLOAT|REAL|FLOAT4)\\[(\\d+)]");
  private static final Set<String> INTEGER_TYPES = Set.of("TINYINT", "SMALLINT", "INTEGER",
      "BIGINT", "UTINYINT", "USMALLINT", "UINTEGER");

  /** Checks the table and returns its shape; every failure names what is wrong. */
  static TableShape inspect(Connection connection, String schema, String table, String column,
      String keyColumn) throws SQLException {
    Map<String, String[]> columns = columns(connection, schema, table);
    if (columns.isEmpty()) {
      throw new IllegalArgumentException("Table " + schema + "." + table + " does not exist");
    }
    String tableName = columns.values().iterator().next()[2];
    String[] vector = columns.get(column.toLowerCase(Locale.ROOT));
    if (vector == null) {
      throw new IllegalArgumentException("Table " + tableName + " has no column " + column);
    }
    Matcher m = VECTOR.matcher(vector[1].toUpperCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("Column " + vector[0] + " of " + tableName + " is "
          + vector[1] + ": an LM_DISKANN index needs a FLOAT[n] column");
    }
    String key = keyColumn == null ? primaryKey(connection, schema, tableName, columns)
        : namedKey(connection, schema, tableName, columns, keyColumn);
    return new TableShape(schema, tableName, vector[0], Integer.parseInt(m.group(2)), key);
  }

  /** Column name (lower case) to {DuckDB name, type, table name, nullable}. */
  private static Map<String, String[]> columns(Connection connection, String schema, String table)
      throws SQLException {
    Map<String, String[]> columns = new LinkedHashMap<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT column_name, data_type,"
        + " table_name, is_nullable FROM duckdb_columns() WHERE database_name = current_database()"
        + " AND lower(schema_name) = lower(?) AND lower(table_name) = lower(?)"
        + " ORDER BY column_index")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.put(rows.getString(1).toLowerCase(Locale.ROOT), new String[] {rows.getString(1),
              rows.getString(2), rows.getString(3), String.valueOf(rows.getBoolean(4))});
        }
      }
    }
    return columns;
  }

  /** Single-column PRIMARY KEY / UNIQUE constraints of the table, as {type, column}. */
  private static List<String[]> keyConstraints(Connection connection, String schema, String table)
      throws SQLException {
    List<String[]> keys = new ArrayList<>();
    try (PreparedStatement statement = connection.prepareStatement("SELECT constraint_type,"
        + " constraint_column_names[1] FROM duckdb_constraints() WHERE database_name ="
        + " current_database() AND lower(schema_name) = lower(?) AND table_name = ?"
        + " AND constraint_type IN ('PRIMARY KEY', 'UNIQUE')"
        + " AND len(constraint_column_names) = 1")) {
      statement.setString(1, schema);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          keys.add(new String[] {rows.getString(1), rows.getString(2)});
        }
      }
    }
    return keys;
  }

  private static String primaryKey(Connection connection, String schema, String table,
      Map<String, String[]> columns) throws SQLException {
    for (String[] key : keyConstraints(connection, schema, table)) {
      if (key[0].equals("PRIMARY KEY")) {
        String[] column = columns.get(key[1].toLowerCase(Locale.ROOT));
        if (column != null && INTEGER_TYPES.contains(column[1].toUpperCase(Locale.ROOT))) {
          return column[0];
        }
      }
    }
    throw new IllegalArgumentException("Table " + table + " has no single-column integer PRIMARY"
        + " KEY: give one, or name a unique NOT NULL integer column WITH (key_column = '...')");
  }

  private static String namedKey(Connection connection, String schema, String table,
      Map<String, String[]> columns, String keyColumn) throws SQLException {
    String[] column = columns.get(keyColumn.toLowerCase(Locale.ROOT));
    if (column == null) {
      throw new IllegalArgumentException("key_column " + keyColumn + " is not a column of " + table);
    }
    if (!INTEGER_TYPES.contains(column[1].toUpperCase(Locale.ROOT))) {
      throw new IllegalArgumentException("key_column " + column[0] + " is " + column[1]
          + ": it must be an integer column");
    }
    boolean unique = keyConstraints(connection, schema, table).stream()
        .anyMatch(k -> k[1].equalsIgnoreCase(column[0]));
    boolean primary = keyConstraints(connection, schema, table).stream()
        .anyMatch(k -> k[0].equals("PRIMARY KEY") && k[1].equalsIgnoreCase(column[0]));
    if (!unique) {
      throw new IllegalArgumentException("key_column " + column[0] + " of " + table
          + " is not declared UNIQUE or PRIMARY KEY");
    }
    if (!primary && Boolean.parseBoolean(column[3])) {
      throw new IllegalArgumentException("key_column " + column[0] + " of " + table
          + " must be NOT NULL");
    }
    return column[0];
  }
}
