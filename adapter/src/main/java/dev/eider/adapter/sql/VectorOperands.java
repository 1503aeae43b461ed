package dev.eider.adapter.sql;

import dev.eider.adapter.type.VectorSqlType;
import dev.eider.adapter.vector.VectorException;
import dev.eider.adapter.vector.Vectors;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlCharStringLiteral;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.type.SqlTypeUtil;
import org.apache.calcite.sql.validate.SqlValidatorException;
import org.apache.calcite.util.NlsString;

/**
 * What the validator knows about a vector operand: whether it can be a vector at all, and its
 * dimension when that is known before execution (a FLOAT[n] column or cast, an ARRAY[...] literal, a
 * '[...]' string literal). Problems become validation errors that name the operand.
 */
final class VectorOperands {
  static final int UNKNOWN = -1;

  private VectorOperands() {}

  /** Checks that operand {@code i} can be a vector and returns its dimension, or {@link #UNKNOWN}. */
  static int check(SqlCallBinding binding, int i) {
    SqlNode operand = binding.operand(i);
    RelDataType type = binding.getOperandType(i);
    if (type instanceof VectorSqlType vector) {
      return vector.dimension();
    }
    String operator = binding.getOperator().getName();
    switch (type.getSqlTypeName()) {
      case NULL, UNKNOWN -> {
        return UNKNOWN;
      }
      case ARRAY -> {
        RelDataType element = type.getComponentType();
        if (element != null && !SqlTypeUtil.isNumeric(element)
            && element.getSqlTypeName() != SqlTypeName.NULL) {
          throw error(operand, "the operand of " + operator + " must be a vector of numbers, not "
              + type.getFullTypeString());
        }
        if (operand.getKind() == SqlKind.ARRAY_VALUE_CONSTRUCTOR) {
          int dimension = ((SqlCall) operand).operandCount();
          if (dimension == 0) {
            throw error(operand, "the vector passed to " + operator + " is empty");
          }
          return dimension;
        }
        return UNKNOWN;
      }
      default -> {
        if (type.getFamily() != SqlTypeFamily.CHARACTER) {
          throw error(operand, "the operand of " + operator + " must be a vector (a FLOAT[n] "
              + "column, ARRAY[...] or text like '[1,2,3]'), not " + type.getFullTypeString());
        }
        if (operand instanceof SqlCharStringLiteral literal) {
          try {
            return Vectors.toFloats(literal.getValueAs(NlsString.class).getValue(),
                Vectors.ANY_DIMENSION).length;
          } catch (VectorException e) {
            throw error(operand, e.getMessage());
          }
        }
        return UNKNOWN;
      }
    }
  }

  /** Checks that two operands are vectors of one dimension; returns it, or {@link #UNKNOWN}. */
  static int checkPair(SqlCallBinding binding) {
    int left = check(binding, 0);
    int right = check(binding, 1);
    if (left != UNKNOWN && right != UNKNOWN && left != right) {
      throw error(binding.getCall(), "vector dimensions differ: " + left + " and " + right);
    }
    int dimension = left != UNKNOWN ? left : right;
    if (dimension == UNKNOWN) {
      requireKnownDimensionForText(binding, 0);
      requireKnownDimensionForText(binding, 1);
    }
    return dimension;
  }

  /**
   * Text becomes a vector only once its dimension is known; text whose value is unknown before
   * execution (a column, an expression) needs the other side, or a CAST, to say it.
   */
  static void requireKnownDimensionForText(SqlCallBinding binding, int i) {
    if (binding.getOperandType(i).getFamily() == SqlTypeFamily.CHARACTER) {
      throw error(binding.operand(i), "cannot tell the dimension of the vector text "
          + binding.operand(i) + "; write CAST(... AS FLOAT[n])");
    }
  }

  /** A validation error at {@code node} with {@code message}. */
  static CalciteContextException error(SqlNode node, String message) {
    SqlParserPos pos = node.getParserPosition();
    CalciteContextException e = new CalciteContextException(
        "From line " + pos.getLineNum() + ", column " + pos.getColumnNum() + " to line "
            + pos.getEndLineNum() + ", column " + pos.getEndColumnNum() + ": " + message,
        new SqlValidatorException(message, null));
    e.setPosition(pos.getLineNum(), pos.getColumnNum(), pos.getEndLineNum(), pos.getEndColumnNum());
    return e;
  }
}
