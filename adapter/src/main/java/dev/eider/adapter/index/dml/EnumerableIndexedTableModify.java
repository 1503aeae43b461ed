package dev.eider.adapter.index.dml;

import dev.eider.adapter.DuckDbTable;
import java.lang.reflect.Method;
import java.util.List;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.tree.Types;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.TableModify;
import org.apache.calcite.rex.RexNode;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Executes an {@link IndexedTableModify}: the input rows are computed as usual, then handed to an
 * {@link IndexedModification} (stashed in the generated code) that changes the DuckDB table and its
 * indexes in one transaction and returns the row count.
 */
public final class EnumerableIndexedTableModify extends TableModify implements EnumerableRel {
  private static final Method EXECUTE =
      Types.lookupMethod(IndexedModification.class, "execute", Enumerable.class);

  EnumerableIndexedTableModify(RelOptCluster cluster, RelTraitSet traits, RelOptTable table,
      Prepare.CatalogReader catalogReader, RelNode input, Operation operation,
      @Nullable List<String> updateColumnList, @Nullable List<RexNode> sourceExpressionList,
      boolean flattened) {
    super(cluster, traits, table, catalogReader, input, operation, updateColumnList,
        sourceExpressionList, flattened);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return new EnumerableIndexedTableModify(getCluster(), traitSet, getTable(), getCatalogReader(),
        sole(inputs), getOperation(), getUpdateColumnList(), getSourceExpressionList(),
        isFlattened());
  }

  /**
   * No cost of its own, so the planner always prefers it to the alternatives it competes with in the
   * same set (Calcite's EnumerableTableModify, which cannot update a DuckDB table at all).
   */
  @Override
  public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeZeroCost();
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    BlockBuilder builder = new BlockBuilder();
    Result input = implementor.visitChild(this, 0, (EnumerableRel) getInput(), Prefer.ARRAY);
    Expression rows = builder.append("rows", input.block);
    Expression arrays = builder.append("arrays",
        input.physType.convertTo(rows, JavaRowFormat.ARRAY));
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        pref.prefer(JavaRowFormat.SCALAR));
    DuckDbTable table = getTable().unwrapOrThrow(DuckDbTable.class);
    IndexedModification modification = new IndexedModification(table, getOperation(),
        getUpdateColumnList() == null ? List.of() : getUpdateColumnList(),
        physType.getFormat() == JavaRowFormat.SCALAR);
    Expression executor = implementor.stash(modification, IndexedModification.class);
    builder.add(Expressions.return_(null,
        Expressions.call(executor, EXECUTE, arrays)));
    return implementor.result(physType, builder.toBlock());
  }
}
