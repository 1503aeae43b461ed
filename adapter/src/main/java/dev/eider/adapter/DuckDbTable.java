package dev.eider.adapter;

import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.index.dml.IndexedTableModify;
import dev.eider.adapter.type.DuckDbTypes;
import java.lang.reflect.Type;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.adapter.java.AbstractQueryableTable;
import org.apache.calcite.adapter.jdbc.JdbcTable;
import org.apache.calcite.linq4j.QueryProvider;
import org.apache.calcite.linq4j.Queryable;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.schema.ModifiableTable;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.util.LazyReference;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A DuckDB table or view. Scans, pushdown and DML go through Calcite's JDBC adapter (the wrapped
 * {@link JdbcTable}, which also names the table in generated SQL); the row type comes from DuckDB's
 * catalog through {@link DuckDbTypes}.
 */
public class DuckDbTable extends AbstractQueryableTable implements TranslatableTable, ModifiableTable {
  private final DuckDbSchema schema;
  private final JdbcTable jdbcTable;
  private final LazyReference<List<DuckDbSchema.DuckDbColumn>> columns = new LazyReference<>();

  DuckDbTable(DuckDbSchema schema, JdbcTable jdbcTable) {
    super(Object[].class);
    this.schema = schema;
    this.jdbcTable = jdbcTable;
  }

  public DuckDbSchema schema() {
    return schema;
  }

  /** The table's name inside DuckDB. */
  public String duckDbName() {
    return jdbcTable.jdbcTableName;
  }

  /** The table's columns as DuckDB declares them, in order. */
  public List<DuckDbSchema.DuckDbColumn> duckDbColumns() {
    return columns.getOrCompute(() -> schema.columns(jdbcTable.jdbcTableName));
  }

  /** The LM-DiskANN index on {@code column} (case-insensitive), if there is one. */
  public Optional<VectorIndex> vectorIndex(String column) {
    return schema.database().indexes().find(schema.duckDbSchema(), duckDbName(), column);
  }

  /** Every LM-DiskANN index on this table. */
  public List<VectorIndex> vectorIndexes() {
    return schema.database().indexes().forTable(schema.duckDbSchema(), duckDbName());
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (DuckDbSchema.DuckDbColumn column : duckDbColumns()) {
      builder.add(column.name(),
          DuckDbTypes.toRelType(typeFactory, column.duckDbType(), column.nullable()));
    }
    return builder.build();
  }

  @Override
  public Schema.TableType getJdbcTableType() {
    return jdbcTable.getJdbcTableType();
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return jdbcTable.toRel(context, relOptTable);
  }

  @Override
  public <T> Queryable<T> asQueryable(QueryProvider queryProvider, SchemaPlus schemaPlus,
      String tableName) {
    return jdbcTable.asQueryable(queryProvider, schemaPlus, tableName);
  }

  @Override
  public Type getElementType() {
    return Object[].class;
  }

  @Override
  public @Nullable Collection<?> getModifiableCollection() {
    return null;
  }

  @Override
  public TableModify toModificationRel(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode child, TableModify.Operation operation,
      @Nullable List<String> updateColumnList, @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    if (!vectorIndexes().isEmpty()) {
      return new IndexedTableModify(cluster, table, catalogReader, child, operation,
          updateColumnList, sourceExpressionList, flattened);
    }
    return jdbcTable.toModificationRel(cluster, table, catalogReader, child, operation,
        updateColumnList, sourceExpressionList, flattened);
  }

  @Override
  public <C> @Nullable C unwrap(Class<C> type) {
    // This table first: Calcite's INSERT ... SELECT asks for the ModifiableTable, and DML on an
    // indexed table must come to toModificationRel here, not to the wrapped JdbcTable.
    if (type.isInstance(this)) {
      return type.cast(this);
    }
    if (type.isInstance(jdbcTable)) {
      return type.cast(jdbcTable);
    }
    return super.unwrap(type);
  }

  @Override
  public String toString() {
    return "DuckDbTable {" + schema.duckDbSchema() + "." + jdbcTable.jdbcTableName + "}";
  }
}
