package org.apache.calcite.adapter.jdbc;

import org.apache.calcite.schema.Schema;

/**
 * Lets Eider create a {@link JdbcTable} from what DuckDB's catalog functions say: its constructor is
 * package-private, and {@link JdbcSchema}'s own lookup calls {@code DatabaseMetaData.getTables} once
 * per table of the schema every time a statement is prepared. This class adds nothing else.
 */
public final class JdbcTableBridge {
  private JdbcTableBridge() {}

  /** The table {@code catalog.schemaName.tableName} of {@code schema}. */
  public static JdbcTable create(JdbcSchema schema, String catalog, String schemaName,
      String tableName, Schema.TableType tableType) {
    return new JdbcTable(schema, catalog, schemaName, tableName, tableType);
  }
}
