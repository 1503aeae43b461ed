package dev.eider.adapter.index;

import static dev.eider.adapter.index.IndexDefinition.INDEX_SCHEMA;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB side of the index catalog: table {@code lmdiskann.indexes} (one row per index) and each
 * index's own tables {@code <index>_journal} ({@link JournalRecord}s), {@code _lookup} and {@code
 * _meta}. All methods work on the caller's connection, so they join the caller's transaction.
 */
final class IndexCatalog {
  /** The suffix of the journal table. */
  static final String JOURNAL = "journal";
  /**
   * Tables of the journal layout before {@link JournalRecord}s (a row per block, and tombstone rows
   * no one read): dropped when such an index is rebuilt or dropped.
   */
  private static final List<String> LEGACY = List.of("blocks", "tombstones");
  static final String CATALOG = INDEX_SCHEMA + ".indexes";
  private static final String CREATE_CATALOG = "CREATE TABLE IF NOT EXISTS " + CATALOG
      + " (name VARCHAR NOT NULL, schema_name VARCHAR NOT NULL, table_name VARCHAR NOT NULL,"
      + " column_name VARCHAR NOT NULL, key_column VARCHAR NOT NULL, dimensions INTEGER NOT NULL,"
      + " options VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL DEFAULT current_timestamp)";

  private IndexCatalog() {}

  /** Whether the catalog table exists (it does once any index was created). */
  static boolean exists(Connection connection) throws SQLException {
    return tableExists(connection, "indexes");
  }

  /** Whether the index has a journal table of the current layout. */
  static boolean hasJournal(Connection connection, IndexDefinition definition) throws SQLException {
    return tableExists(connection, definition.name() + "_" + JOURNAL);
  }

  private static boolean tableExists(Connection connection, String table) throws SQLException {
    try (PreparedStatement statement = connection.prepareStatement(
        "SELECT count(*) FROM duckdb_tables() WHERE database_name = current_database()"
            + " AND schema_name = ? AND table_name = ?")) {
      statement.setString(1, INDEX_SCHEMA);
      statement.setString(2, table);
      try (ResultSet rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  /** Every index the catalog declares. */
  static List<IndexDefinition> list(Connection connection) throws SQLException {
    List<IndexDefinition> definitions = new ArrayList<>();
    if (!exists(connection)) {
      return definitions;
    }
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT name, schema_name, table_name, column_name,"
            + " key_column, dimensions, options FROM " + CATALOG + " ORDER BY name")) {
      while (rows.next()) {
        IndexOptions options = IndexOptions.parseCanonical(rows.getString(7));
        definitions.add(new IndexDefinition(rows.getString(1), rows.getString(2), rows.getString(3),
            rows.getString(4), rows.getString(5), options.config(rows.getInt(6)), options.cacheMb()));
      }
    }
    return definitions;
  }

  /** Creates the index's tables and its catalog row. */
  static void create(Connection connection, IndexDefinition definition, IndexOptions options)
      throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + INDEX_SCHEMA);
      statement.execute(CREATE_CATALOG);
      createJournal(statement, definition);
      statement.execute("CREATE TABLE " + definition.lookupTable()
          + " (row_key BIGINT NOT NULL, node_id INTEGER NOT NULL)");
      statement.execute("CREATE TABLE " + definition.indexTable("meta") + " (next_node_id INTEGER,"
          + " entry_point INTEGER, live_count INTEGER, free_list INTEGER[], merge_sequence BIGINT,"
          + " epoch BIGINT, acknowledged_merge BIGINT NOT NULL, last_merge TIMESTAMP)");
      statement.execute("INSERT INTO " + definition.indexTable("meta")
          + " (acknowledged_merge) VALUES (0)");
    }
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO " + CATALOG
        + " (name, schema_name, table_name, column_name, key_column, dimensions, options)"
        + " VALUES (?, ?, ?, ?, ?, ?, ?)")) {
      insert.setString(1, definition.name());
      insert.setString(2, definition.schema());
      insert.setString(3, definition.table());
      insert.setString(4, definition.column());
      insert.setString(5, definition.keyColumn());
      insert.setInt(6, definition.config().dimensions());
      insert.setString(7, options.render());
      insert.executeUpdate();
    }
  }

  private static void createJournal(Statement statement, IndexDefinition definition)
      throws SQLException {
    statement.execute("CREATE TABLE IF NOT EXISTS " + definition.indexTable(JOURNAL)
        + " (epoch BIGINT NOT NULL, record BLOB NOT NULL)");
  }

  /**
   * Empties the index's journal, lookup and meta tables (before a rebuild), replacing the tables of an
   * older journal layout.
   */
  static void reset(Connection connection, IndexDefinition definition) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      for (String legacy : LEGACY) {
        statement.execute("DROP TABLE IF EXISTS " + definition.indexTable(legacy));
      }
      createJournal(statement, definition);
      statement.execute("DELETE FROM " + definition.indexTable(JOURNAL));
      statement.execute("DELETE FROM " + definition.lookupTable());
      statement.execute("DELETE FROM " + definition.indexTable("meta"));
      statement.execute("INSERT INTO " + definition.indexTable("meta")
          + " (acknowledged_merge) VALUES (0)");
    }
  }

  /** Drops the index's tables and its catalog row. */
  static void drop(Connection connection, IndexDefinition definition) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      List<String> tables = new ArrayList<>(List.of(JOURNAL, "lookup", "meta"));
      tables.addAll(LEGACY);
      for (String suffix : tables) {
        statement.execute("DROP TABLE IF EXISTS " + definition.indexTable(suffix));
      }
    }
    try (PreparedStatement delete = connection.prepareStatement(
        "DELETE FROM " + CATALOG + " WHERE name = ?")) {
      delete.setString(1, definition.name());
      delete.executeUpdate();
    }
  }
}
