package dev.eider.adapter;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.Lookup;
import org.apache.calcite.sql.SqlDialect;

/**
 * One schema of a DuckDB database as a Calcite schema. It reuses Calcite's JDBC adapter for pushdown
 * (convention, rules, SQL generation) but computes column types itself from DuckDB's catalog, so
 * {@code FLOAT[n]} is a vector and VARCHAR has no bogus length. Tables are looked up in DuckDB on each
 * request, so tables created after the connection opened are visible.
 */
public class DuckDbSchema extends JdbcSchema {
  private static final String COLUMNS_SQL =
      "SELECT column_name, data_type, is_nullable FROM duckdb_columns() "
          + "WHERE database_name = current_database() AND schema_name = ? AND table_name = ? "
          + "ORDER BY column_index";

  private final DuckDbDatabase database;
  private final JdbcConvention convention;
  private final String duckDbSchema;
  private final Lookup<Table> tables = new DuckDbTableLookup(this);

  public DuckDbSchema(DuckDbDatabase database, SqlDialect dialect, JdbcConvention convention,
      String duckDbSchema) {
    super(database.dataSource(), dialect, convention, null, duckDbSchema);
    this.database = database;
    this.convention = convention;
    this.duckDbSchema = duckDbSchema;
  }

  public DuckDbDatabase database() {
    return database;
  }

  /** The schema's name inside DuckDB (usually {@code main}). */
  public String duckDbSchema() {
    return duckDbSchema;
  }

  /** The calling convention of rels that run inside this DuckDB database. */
  public JdbcConvention convention() {
    return convention;
  }

  @Override
  public Lookup<Table> tables() {
    return tables;
  }

  /** The columns of table {@code tableName} as DuckDB declares them, in order. */
  List<DuckDbColumn> columns(String tableName) {
    try (Connection connection = database.connect();
        PreparedStatement statement = connection.prepareStatement(COLUMNS_SQL)) {
      statement.setString(1, duckDbSchema);
      statement.setString(2, tableName);
      List<DuckDbColumn> columns = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery()) {
        while (rows.next()) {
          columns.add(new DuckDbColumn(rows.getString(1), rows.getString(2), rows.getBoolean(3)));
        }
      }
      return columns;
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot read the columns of " + duckDbSchema + "." + tableName + " from " + database, e);
    }
  }

  /** A column of a DuckDB table: name, DuckDB type name, nullability. */
  public record DuckDbColumn(String name, String duckDbType, boolean nullable) {}
}
