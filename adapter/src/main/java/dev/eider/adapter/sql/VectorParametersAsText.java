package dev.eider.adapter.sql;

import dev.eider.adapter.type.VectorSqlType;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.RelHomogeneousShuttle;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Rewrites every FLOAT[n]-typed bind parameter in a plan evaluated in Java into
 * {@code TO_VECTOR(? AS VARCHAR, n)}. Eider's JDBC layer hands vector parameters over as text (see
 * {@link EiderConvertletTable}); a parameter that takes its vector type from an INSERT's target column
 * (not from a CAST or an operator) would otherwise reach generated code that expects a list.
 */
public final class VectorParametersAsText extends RexShuttle {
  private final RexBuilder rexBuilder;

  private VectorParametersAsText(RexBuilder rexBuilder) {
    this.rexBuilder = rexBuilder;
  }

  /** {@code plan} with its vector bind parameters read as text, in every node. */
  public static RelNode rewrite(RelNode plan) {
    RexShuttle parameters = new VectorParametersAsText(plan.getCluster().getRexBuilder());
    return plan.accept(new RelHomogeneousShuttle() {
      @Override
      public RelNode visit(RelNode other) {
        return super.visit(other).accept(parameters);
      }
    });
  }

  @Override
  public RexNode visitDynamicParam(RexDynamicParam param) {
    if (!(param.getType() instanceof VectorSqlType vector)) {
      return param;
    }
    RelDataTypeFactory typeFactory = rexBuilder.getTypeFactory();
    RelDataType text = typeFactory.createTypeWithNullability(
        typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
    return rexBuilder.makeCall(param.getType(), VectorOperators.TO_VECTOR,
        List.of(rexBuilder.makeDynamicParam(text, param.getIndex()),
            rexBuilder.makeExactLiteral(BigDecimal.valueOf(vector.dimension()))));
  }
}
