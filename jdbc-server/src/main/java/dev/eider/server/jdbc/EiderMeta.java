package dev.eider.server.jdbc;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.index.IndexManager;
import java.lang.reflect.Field;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaUtils;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaBridge;
import org.apache.calcite.jdbc.CalciteSchema;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's JDBC metadata and execution, plus: vector bind parameters normalised before execution
 * ({@link VectorParameters}), DuckDB's error messages brought to the front ({@link DuckDbErrors}),
 * primary keys read from DuckDB's constraints, and commit/rollback as below.
 *
 * <p>Every statement commits when it completes: Eider has no multi-statement transactions. With
 * auto-commit turned off, {@code commit()} therefore succeeds with nothing left to do (so batch loaders
 * that turn it off and commit at the end work), and {@code rollback()} fails, saying that the
 * statements already ran and stay committed.
 *
 * <p>{@code executeBatch} of a prepared INSERT / UPDATE / DELETE on a table with an LM_DISKANN index
 * runs the whole batch as one DuckDB transaction with one index write ({@link BatchExecution}): the
 * batch is atomic, and a failing element fails it with nothing of it kept.
 */
public class EiderMeta extends CalciteMetaBridge {
  private static final String PRIMARY_KEYS_SQL =
      "SELECT table_name, constraint_column_names, constraint_name FROM duckdb_constraints() "
          + "WHERE constraint_type = 'PRIMARY KEY' AND database_name = current_database() "
          + "AND schema_name = ? AND (? IS NULL OR table_name = ?) ORDER BY table_name";
  private static final List<String> PRIMARY_KEY_COLUMNS =
      List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME", "KEY_SEQ", "PK_NAME");

  EiderMeta(AvaticaConnection connection) {
    super(connection);
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues,
      int maxRowsInFirstFrame) throws NoSuchStatementException {
    VectorParameters.normalize(preparedSignature(h), parameterValues);
    try {
      return super.execute(h, parameterValues, maxRowsInFirstFrame);
    } catch (RuntimeException e) {
      throw DuckDbErrors.clarify(e);
    }
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> parameterValues)
      throws NoSuchStatementException {
    return new ExecuteBatchResult(BatchExecution.run(indexManagers(), parameterValues,
        values -> execute(h, values, -1)));
  }

  /** The index managers of the DuckDB databases this connection's schemas read. */
  private Set<IndexManager> indexManagers() {
    Set<IndexManager> managers = new LinkedHashSet<>();
    duckDbSchemas().values().forEach(schema -> managers.add(schema.database().indexManager()));
    return managers;
  }

  /** The connection's DuckDB schemas by name. */
  private Map<String, DuckDbSchema> duckDbSchemas() {
    Map<String, DuckDbSchema> schemas = new LinkedHashMap<>();
    CalciteSchema root =
        ((CalciteConnection) connection).getRootSchema().unwrap(CalciteSchema.class);
    for (Map.Entry<String, CalciteSchema> sub : root.getSubSchemaMap().entrySet()) {
      if (sub.getValue().schema instanceof DuckDbSchema duckDb) {
        schemas.put(sub.getKey(), duckDb);
      }
    }
    return schemas;
  }

  @Override
  public void commit(ConnectionHandle ch) {
    // Each statement committed when it completed.
  }

  @Override
  public void rollback(ConnectionHandle ch) {
    throw new UnsupportedOperationException("Eider commits every statement when it completes (there "
        + "are no multi-statement transactions yet), so there is nothing to roll back: the statements "
        + "run since auto-commit was turned off are committed");
  }

  @Override
  public Iterable<Object> createIterable(StatementHandle handle, QueryState state,
      Signature signature, @Nullable List<TypedValue> parameterValues, @Nullable Frame firstFrame) {
    VectorParameters.normalize(signature, parameterValues);
    return DuckDbErrors.clarifying(
        super.createIterable(handle, state, signature, parameterValues, firstFrame));
  }

  @Override
  public MetaResultSet getPrimaryKeys(ConnectionHandle ch, @Nullable String catalog,
      @Nullable String schema, @Nullable String table) {
    List<Object> rows = new ArrayList<>();
    for (Map.Entry<String, DuckDbSchema> sub : duckDbSchemas().entrySet()) {
      if (schema == null || schema.equals(sub.getKey())) {
        rows.addAll(primaryKeys(sub.getKey(), sub.getValue(), table));
      }
    }
    return createResultSet(Map.of(), columns(), CursorFactory.record(PrimaryKeyRow.class,
        fields(), PRIMARY_KEY_COLUMNS.stream().map(AvaticaUtils::toCamelCase).toList()),
        new Frame(0, true, rows));
  }

  private static List<PrimaryKeyRow> primaryKeys(String schemaName, DuckDbSchema schema,
      @Nullable String table) {
    List<PrimaryKeyRow> rows = new ArrayList<>();
    try (Connection connection = schema.database().connect();
        PreparedStatement statement = connection.prepareStatement(PRIMARY_KEYS_SQL)) {
      statement.setString(1, schema.duckDbSchema());
      statement.setString(2, table);
      statement.setString(3, table);
      try (ResultSet keys = statement.executeQuery()) {
        while (keys.next()) {
          Object[] columns = (Object[]) keys.getArray(2).getArray();
          for (int i = 0; i < columns.length; i++) {
            rows.add(new PrimaryKeyRow(null, schemaName, keys.getString(1), (String) columns[i],
                (short) (i + 1), keys.getString(3)));
          }
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException("Cannot read primary keys from " + schema.database() + ": "
          + e.getMessage(), e);
    }
    return rows;
  }

  private static List<ColumnMetaData> columns() {
    List<ColumnMetaData> columns = new ArrayList<>();
    List<Field> fields = fields();
    for (int i = 0; i < fields.size(); i++) {
      columns.add(columnMetaData(PRIMARY_KEY_COLUMNS.get(i), i, fields.get(i).getType(), false));
    }
    return columns;
  }

  private static List<Field> fields() {
    try {
      List<Field> fields = new ArrayList<>();
      for (String column : PRIMARY_KEY_COLUMNS) {
        fields.add(PrimaryKeyRow.class.getField(AvaticaUtils.toCamelCase(column)));
      }
      return fields;
    } catch (NoSuchFieldException e) {
      throw new IllegalStateException(e);
    }
  }

  /** One row of {@code getPrimaryKeys}; public fields because Avatica reads them reflectively. */
  public static final class PrimaryKeyRow {
    public final @Nullable String tableCat;
    public final String tableSchem;
    public final String tableName;
    public final String columnName;
    public final short keySeq;
    public final String pkName;

    PrimaryKeyRow(@Nullable String tableCat, String tableSchem, String tableName,
        String columnName, short keySeq, String pkName) {
      this.tableCat = tableCat;
      this.tableSchem = tableSchem;
      this.tableName = tableName;
      this.columnName = columnName;
      this.keySeq = keySeq;
      this.pkName = pkName;
    }
  }
}
