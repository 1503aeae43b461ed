package dev.eider.adapter.sql;

import dev.eider.adapter.type.DuckDbTypes;
import dev.eider.adapter.type.VectorSqlType;
import dev.eider.adapter.vector.Vectors;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql2rel.SqlRexContext;
import org.apache.calcite.sql2rel.SqlRexConvertlet;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;
import org.apache.calcite.sql2rel.StandardConvertletTable;
import org.apache.calcite.util.NlsString;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Converts vector operators and functions to row expressions: a distance operator becomes its
 * {@link VectorFunction}, and every vector operand that is not already FLOAT[n] (an ARRAY literal, a
 * '[...]' string, a bind parameter) is wrapped in {@code TO_VECTOR(x, n)}. Bind parameters are read as
 * text at run time: Eider's JDBC layer turns every accepted vector form into DuckDB's text form first.
 */
public class EiderConvertletTable implements SqlRexConvertletTable {
  private final SqlRexConvertletTable standard;

  public EiderConvertletTable() {
    this(StandardConvertletTable.INSTANCE);
  }

  public EiderConvertletTable(SqlRexConvertletTable standard) {
    this.standard = standard;
  }

  @Override
  public @Nullable SqlRexConvertlet get(SqlCall call) {
    if (call.getOperator() instanceof VectorDistanceOperator
        || call.getOperator() instanceof VectorFunction) {
      return EiderConvertletTable::convertVectorCall;
    }
    return standard.get(call);
  }

  private static RexNode convertVectorCall(SqlRexContext cx, SqlCall call) {
    VectorFunction function = call.getOperator() instanceof VectorDistanceOperator operator
        ? operator.function() : (VectorFunction) call.getOperator();
    RexBuilder rexBuilder = cx.getRexBuilder();
    RelDataType returnType = cx.getValidator().getValidatedNodeType(call);
    List<RexNode> operands = new ArrayList<>();
    if (function == VectorOperators.TO_VECTOR) {
      int dimension = ((VectorSqlType) cx.getTypeFactory().createTypeWithNullability(returnType, true))
          .dimension();
      operands.add(toVectorArgument(cx, call.operand(0)));
      operands.add(rexBuilder.makeExactLiteral(BigDecimal.valueOf(dimension)));
      return rexBuilder.makeCall(returnType, function, operands);
    }
    int dimension = dimension(cx, call.getOperandList());
    for (SqlNode operand : call.getOperandList()) {
      operands.add(vector(cx, operand, dimension));
    }
    return rexBuilder.makeCall(returnType, function, operands);
  }

  /** The dimension the operands agree on (the validator has checked they do), or -1. */
  private static int dimension(SqlRexContext cx, List<SqlNode> operands) {
    for (SqlNode operand : operands) {
      RelDataType type = cx.getValidator().getValidatedNodeType(operand);
      if (type instanceof VectorSqlType vector) {
        return vector.dimension();
      }
      if (operand.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
        return ((SqlCall) operand).operandCount();
      }
      if (operand instanceof SqlCharStringLiteral literal) {
        return Vectors.toFloats(literal.getValueAs(NlsString.class).getValue(),
            Vectors.ANY_DIMENSION).length;
      }
    }
    return VectorOperands.UNKNOWN;
  }

  /** The operand as a FLOAT[dimension] expression (or unchanged when the dimension is unknown). */
  private static RexNode vector(SqlRexContext cx, SqlNode operand, int dimension) {
    RexNode value = toVectorArgument(cx, operand);
    if (value.getType() instanceof VectorSqlType vector && vector.dimension() == dimension
        || dimension == VectorOperands.UNKNOWN) {
      return value;
    }
    RelDataTypeFactory typeFactory = cx.getTypeFactory();
    RelDataType type = typeFactory.createTypeWithNullability(
        DuckDbTypes.vectorType(typeFactory, dimension), value.getType().isNullable());
    return cx.getRexBuilder().makeCall(type, VectorOperators.TO_VECTOR,
        List.of(value, cx.getRexBuilder().makeExactLiteral(BigDecimal.valueOf(dimension))));
  }

  /** Converts an operand; a bind parameter becomes a text parameter (see the class comment). */
  private static RexNode toVectorArgument(SqlRexContext cx, SqlNode operand) {
    if (operand instanceof SqlDynamicParam param) {
      RelDataTypeFactory typeFactory = cx.getTypeFactory();
      RelDataType text = typeFactory.createTypeWithNullability(
          typeFactory.createSqlType(SqlTypeName.VARCHAR), true);
      return cx.getRexBuilder().makeDynamicParam(text, param.getIndex());
    }
    return cx.convertExpression(operand);
  }
}
