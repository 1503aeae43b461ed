package dev.eider.adapter.index.dml;

import dev.eider.adapter.DuckDbTable;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableModify;

/**
 * Replaces the JDBC adapter's table-modification rule in a DuckDB convention: a modification of a
 * table with LM-DiskANN indexes becomes an {@link IndexedTableModify}; any other is pushed into DuckDB
 * exactly as the JDBC rule does.
 */
public final class IndexAwareModificationRule extends RelOptRule {
  private final JdbcRules.JdbcTableModificationRule pushdown;

  private IndexAwareModificationRule(JdbcConvention convention) {
    super(operand(LogicalTableModify.class, any()),
        "IndexAwareModificationRule(" + convention + ")");
    this.pushdown = JdbcRules.JdbcTableModificationRule.create(convention);
  }

  public static IndexAwareModificationRule create(JdbcConvention convention) {
    return new IndexAwareModificationRule(convention);
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    LogicalTableModify modify = call.rel(0);
    DuckDbTable table = modify.getTable().unwrap(DuckDbTable.class);
    if (table != null && !table.vectorIndexes().isEmpty()) {
      call.transformTo(new IndexedTableModify(modify.getCluster(), modify.getTable(),
          modify.getCatalogReader(), modify.getInput(), modify.getOperation(),
          modify.getUpdateColumnList(), modify.getSourceExpressionList(), modify.isFlattened()));
      return;
    }
    RelNode pushed = pushdown.convert(modify);
    if (pushed != null) {
      call.transformTo(pushed);
    }
  }
}
