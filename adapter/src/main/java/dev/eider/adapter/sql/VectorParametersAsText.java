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
 * Rewrites a bind parameter that takes its FLOAT[n] type from an INSERT's or UPDATE's target column
 * into {@code TO_VECTOR(? AS VARCHAR, n)}: Eider's JDBC layer hands vector parameters over as text (see
 * {@link EiderConvertletTable}), which the explicit form reads. Plans pushed into DuckDB are unaffected
 * in meaning (TO_VECTOR is written as a CAST there); plans evaluated in Java, such as DML on an indexed
 * table, get values they can read. Implicit casts are handled where they are made, by
 * {@link VectorRexBuilder}.
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
    return toVector(param.getType(), rexBuilder.makeDynamicParam(text, param.getIndex()),
        vector.dimension());
  }

  private RexNode toVector(RelDataType type, RexNode value, int dimension) {
    return rexBuilder.makeCall(type, VectorOperators.TO_VECTOR,
        List.of(value, rexBuilder.makeExactLiteral(BigDecimal.valueOf(dimension))));
  }
}
