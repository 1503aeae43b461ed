package dev.eider.adapter.sql;

import dev.eider.adapter.type.VectorSqlType;
import dev.eider.adapter.vector.Vectors;
import java.math.BigDecimal;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A row-expression builder whose casts to FLOAT[n] are {@code TO_VECTOR(x, n)}, like the casts a query
 * spells out (see {@link VectorCasts}). SQL-to-rel conversion adds such casts on its own, e.g. to make
 * an INSERT's {@code '[...]'} value fit a FLOAT[n] column (first to an untyped FLOAT ARRAY, then to the
 * column's type); Calcite's CAST cannot turn text into an array, and simplifying it at planning time
 * fails.
 */
public final class VectorRexBuilder extends RexBuilder {
  public VectorRexBuilder(RelDataTypeFactory typeFactory) {
    super(typeFactory);
  }

  @Override
  public RexNode makeCast(SqlParserPos pos, RelDataType type, RexNode exp, boolean matchNullability,
      boolean safe, @Nullable RexLiteral format) {
    int dimension = vectorDimension(type, exp);
    if (dimension == VectorOperands.UNKNOWN) {
      return super.makeCast(pos, type, exp, matchNullability, safe, format);
    }
    RexNode value = exp instanceof RexCall call && call.getOperator() == VectorOperators.TO_VECTOR
        ? call.getOperands().getFirst() : exp;
    RelDataType target = matchNullability
        ? getTypeFactory().createTypeWithNullability(type, exp.getType().isNullable()) : type;
    return makeCall(target, VectorOperators.TO_VECTOR,
        List.of(value, makeExactLiteral(BigDecimal.valueOf(dimension))));
  }

  /**
   * The vector length a cast of {@code exp} to {@code type} reads: a FLOAT[n] target's, or, for the
   * untyped array that implicit coercion of an INSERT value asks for first, the length of a
   * {@code '[...]'} literal. {@link VectorOperands#UNKNOWN} for any other cast,
   * and for a typed NULL, which stays a literal.
   */
  private static int vectorDimension(RelDataType type, RexNode exp) {
    if (exp.getType() instanceof VectorSqlType || RexLiteral.isNullLiteral(exp)) {
      return VectorOperands.UNKNOWN;
    }
    if (type instanceof VectorSqlType vector) {
      return vector.dimension();
    }
    if (type.getSqlTypeName() == SqlTypeName.ARRAY && exp instanceof RexLiteral literal
        && SqlTypeUtil.isCharacter(literal.getType())) {
      String text = literal.getValueAs(String.class);
      return text == null ? VectorOperands.UNKNOWN
          : Vectors.toFloats(text, Vectors.ANY_DIMENSION).length;
    }
    return VectorOperands.UNKNOWN;
  }
}
