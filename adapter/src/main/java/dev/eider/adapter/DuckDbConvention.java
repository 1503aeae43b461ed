package dev.eider.adapter;

import dev.eider.adapter.index.dml.IndexAwareModificationRule;
import java.util.List;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcRules;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.sql.SqlDialect;

/**
 * The calling convention of rels that run inside one DuckDB database: the JDBC adapter's, except that
 * UPDATE / DELETE / INSERT of a table with an LM-DiskANN index is not pushed into DuckDB as one
 * statement (which would bypass the index) but becomes an indexed modification.
 */
public final class DuckDbConvention extends JdbcConvention {

  public DuckDbConvention(SqlDialect dialect, Expression expression, String name) {
    super(dialect, expression, name);
  }

  @Override
  public void register(RelOptPlanner planner) {
    super.register(planner);
    for (RelOptRule rule : List.copyOf(planner.getRules())) {
      if (rule instanceof JdbcRules.JdbcTableModificationRule modification
          && modification.getOutConvention() == this) {
        planner.removeRule(rule);
      }
    }
    planner.addRule(IndexAwareModificationRule.create(this));
  }
}
