package dev.eider.adapter;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.adapter.jdbc.JdbcTableBridge;
import org.apache.calcite.linq4j.function.Predicate1;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.schema.lookup.Named;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The tables and views of one DuckDB schema, looked up in DuckDB's catalog functions on every request
 * (so tables created after the connection opened are visible). Calcite's JDBC adapter asks
 * {@code DatabaseMetaData.getTables} once per table of the schema, system views included, every time a
 * statement is prepared; these are single catalog queries instead.
 *
 * <p>Calcite prepares each statement against a snapshot that lists the names and then asks for every
 * table by name. {@link #get} therefore answers from the latest listing when the name is in it, and asks
 * DuckDB only for names it does not list; a table dropped after the listing is reported by DuckDB when
 * the statement runs.
 */
final class DuckDbTableLookup implements Lookup<Table> {
  private static final String CATALOG_SQL =
      "SELECT current_database(), name, kind FROM ("
          + "SELECT table_name AS name, 'TABLE' AS kind FROM duckdb_tables() "
          + "WHERE database_name = current_database() AND schema_name = ? AND NOT internal "
          + "UNION ALL SELECT view_name, 'VIEW' FROM duckdb_views() "
          + "WHERE database_name = current_database() AND schema_name = ? AND NOT internal)";
  private static final String BY_NAME_SQL = CATALOG_SQL + " WHERE name = ?";
  private static final String BY_NAME_IGNORING_CASE_SQL = CATALOG_SQL + " WHERE lower(name) = lower(?)";

  private final DuckDbSchema schema;
  private volatile Map<String, CatalogEntry> latestListing = Map.of();

  DuckDbTableLookup(DuckDbSchema schema) {
    this.schema = schema;
  }

  @Override
  public @Nullable Table get(String name) {
    CatalogEntry listed = latestListing.get(name);
    if (listed != null) {
      return table(listed);
    }
    Named<Table> found = find(BY_NAME_SQL, name);
    return found == null ? null : found.entity();
  }

  @Override
  public @Nullable Named<Table> getIgnoreCase(String name) {
    return find(BY_NAME_IGNORING_CASE_SQL, name);
  }

  @Override
  public Set<String> getNames(LikePattern pattern) {
    Map<String, CatalogEntry> listing = new LinkedHashMap<>();
    for (CatalogEntry entry : entries(CATALOG_SQL, null)) {
      listing.put(entry.name(), entry);
    }
    latestListing = Collections.unmodifiableMap(listing);
    Predicate1<String> matches = pattern.matcher();
    Set<String> names = new LinkedHashSet<>();
    for (String name : listing.keySet()) {
      if (matches.apply(name)) {
        names.add(name);
      }
    }
    return names;
  }

  /** The table or view that {@code sql} selects by {@code name}; DuckDB names are unique ignoring case. */
  private @Nullable Named<Table> find(String sql, String name) {
    List<CatalogEntry> found = entries(sql, name);
    if (found.isEmpty()) {
      return null;
    }
    CatalogEntry entry = found.getFirst();
    return new Named<>(entry.name(), table(entry));
  }

  private Table table(CatalogEntry entry) {
    JdbcTable table = JdbcTableBridge.create(schema, entry.catalog(), schema.duckDbSchema(),
        entry.name(), entry.type());
    return new DuckDbTable(schema, table);
  }

  private List<CatalogEntry> entries(String sql, @Nullable String name) {
    try (Connection connection = schema.database().connect();
        PreparedStatement statement = connection.prepareStatement(sql)) {
      statement.setString(1, schema.duckDbSchema());
      statement.setString(2, schema.duckDbSchema());
      if (name != null) {
        statement.setString(3, name);
      }
      List<CatalogEntry> entries = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          entries.add(new CatalogEntry(rows.getString(1), rows.getString(2),
              "VIEW".equals(rows.getString(3)) ? Schema.TableType.VIEW : Schema.TableType.TABLE));
        }
      }
      return entries;
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read the tables of schema " + schema.duckDbSchema()
          + " from " + schema.database() + ": " + e.getMessage(), e);
    }
  }

  private record CatalogEntry(String catalog, String name, Schema.TableType type) {}
}
