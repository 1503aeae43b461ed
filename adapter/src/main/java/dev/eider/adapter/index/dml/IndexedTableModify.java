package dev.eider.adapter.index.dml;

import java.util.List;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * INSERT / UPDATE / DELETE of a table that has LM-DiskANN indexes (logical). Unlike a plain table
 * modification it is not pushed into DuckDB as one statement: {@link EnumerableIndexedTableModify}
 * applies each row change and the matching index change in one DuckDB transaction.
 */
public final class IndexedTableModify extends TableModify {
  /**
   * Its own convention, not NONE: rules that convert any logical TableModify (the JDBC adapter's, which
   * would push the statement into DuckDB without touching the index) must not match it.
   */
  static final Convention CONVENTION = new Convention.Impl("INDEXED_DML", IndexedTableModify.class);

  public IndexedTableModify(RelOptCluster cluster, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      @Nullable List<String> updateColumnList, @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    this(cluster, cluster.traitSetOf(CONVENTION), table, catalogReader, input, operation,
        updateColumnList, sourceExpressionList, flattened);
  }

  private IndexedTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      @Nullable List<String> updateColumnList, @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
    if (operation == Operation.MERGE) {
      throw new UnsupportedOperationException(
          "MERGE into a table with an LM_DISKANN index is not supported; use INSERT/UPDATE/DELETE");
    }
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new IndexedTableModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened());
  }

  @Override
  public void register(RelOptPlanner planner) {
    planner.addRule(IndexedTableModifyRule.INSTANCE);
  }
}
