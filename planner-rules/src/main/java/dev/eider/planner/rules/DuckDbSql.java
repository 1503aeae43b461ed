package dev.eider.planner.rules;

import dev.eider.adapter.DuckDbTable;
import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.embed.EmbedFunction;
import dev.eider.adapter.sql.EiderSqlDialect;
import dev.eider.adapter.sql.VectorFunction;
import dev.eider.planner.exec.BoundSql;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelShuttleImpl;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalValues;
import org.apache.calcite.rel.rel2sql.RelToSqlConverter;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexCorrelVariable;
import org.apache.calcite.rex.RexFieldAccess;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexSubQuery;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rex.RexVisitorImpl;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;

/**
 * Turns relational expressions over tables of one DuckDB database into DuckDB SQL, with Calcite's
 * {@link RelToSqlConverter} and Eider's dialect (the same path the JDBC pushdown takes), and decides
 * which expressions can be translated at all.
 */
public final class DuckDbSql {
  private DuckDbSql() {}

  /** {@code SELECT * FROM table [WHERE condition]}, the rows a sibling filter keeps. */
  public static BoundSql rows(TableScan scan, RexNode condition) {
    RelNode rel = condition == null || condition.isAlwaysTrue()
        ? scan : LogicalFilter.create(scan, condition);
    return toSql(rel);
  }

  /** {@code SELECT CAST(expr AS VARCHAR)}: a constant vector expression, evaluated by DuckDB. */
  public static BoundSql constant(RelNode oneRowInput, RexNode expression) {
    RelNode project = LogicalProject.create(oneRowInput, List.of(), List.of(expression),
        List.of("v"), java.util.Set.of());
    BoundSql inner = toSql(project);
    return new BoundSql("SELECT CAST(c.\"v\" AS VARCHAR) FROM (" + inner.sql() + ") AS c",
        inner.parameters());
  }

  /** A one-row relation to evaluate constants over. */
  public static RelNode oneRow(TableScan scan) {
    return LogicalValues.createOneRow(scan.getCluster());
  }

  private static BoundSql toSql(RelNode rel) {
    EiderSqlDialect dialect = EiderSqlDialect.DEFAULT;
    SqlNode statement = new RelToSqlConverter(dialect).visitRoot(rel).asStatement();
    var sql = statement.toSqlString(c -> c.withDialect(dialect));
    List<Integer> parameters = sql.getDynamicParameters();
    return new BoundSql(sql.getSql(), parameters == null ? List.of() : List.copyOf(parameters));
  }

  /**
   * Whether DuckDB can evaluate {@code expression} itself: no correlation, no Java-only function,
   * and every sub-query reads only tables of {@code database}.
   */
  public static boolean translatable(RexNode expression, DuckDbDatabase database) {
    Checker checker = new Checker(database);
    expression.accept(checker);
    return checker.ok;
  }

  /** Whether {@code expression} is constant for the query: no column, no correlation, translatable. */
  public static boolean constantFor(RexNode expression, DuckDbDatabase database) {
    return RexUtil.containsInputRef(expression) ? false : translatable(expression, database);
  }

  private static final class Checker extends RexVisitorImpl<Void> {
    private final DuckDbDatabase database;
    private boolean ok = true;

    Checker(DuckDbDatabase database) {
      super(true);
      this.database = database;
    }

    @Override
    public Void visitCall(RexCall call) {
      if (call.getOperator() instanceof SqlUserDefinedFunction function
          && !(function instanceof VectorFunction) && !(function instanceof EmbedFunction)) {
        ok = false;
      }
      if (!call.getOperator().isDeterministic()) {
        ok = false;
      }
      return super.visitCall(call);
    }

    @Override
    public Void visitCorrelVariable(RexCorrelVariable variable) {
      ok = false;
      return null;
    }

    @Override
    public Void visitFieldAccess(RexFieldAccess access) {
      ok = false;
      return null;
    }

    @Override
    public Void visitSubQuery(RexSubQuery subQuery) {
      if (!RelOptUtil.getVariablesUsed(subQuery.rel).isEmpty() || !sameDatabase(subQuery.rel)) {
        ok = false;
        return null;
      }
      return super.visitSubQuery(subQuery);
    }

    private boolean sameDatabase(RelNode rel) {
      List<RelOptTable> tables = new ArrayList<>();
      rel.accept(new RelShuttleImpl() {
        @Override
        public RelNode visit(TableScan scan) {
          tables.add(scan.getTable());
          return scan;
        }
      });
      for (RelOptTable table : tables) {
        DuckDbTable duckDb = table.unwrap(DuckDbTable.class);
        if (duckDb == null || duckDb.schema().database() != database) {
          return false;
        }
      }
      return true;
    }
  }
}
