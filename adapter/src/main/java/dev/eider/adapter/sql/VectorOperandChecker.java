package dev.eider.adapter.sql;

import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;

/** Operand rules of the vector operators and functions; errors name the problem. */
enum VectorOperandChecker implements SqlOperandTypeChecker {
  /** Two vectors of one dimension: the distance operators and functions. */
  PAIR(2) {
    @Override
    void check(SqlCallBinding binding) {
      VectorOperands.checkPair(binding);
    }
  },
  /** One vector of any dimension: vector_dims. */
  SINGLE(1) {
    @Override
    void check(SqlCallBinding binding) {
      if (VectorOperands.check(binding, 0) == VectorOperands.UNKNOWN) {
        VectorOperands.requireKnownDimensionForText(binding, 0);
      }
    }
  },
  /** One vector whose dimension is known before execution (DuckDB needs FLOAT[n]): vector_norm. */
  SINGLE_FIXED(1) {
    @Override
    void check(SqlCallBinding binding) {
      if (VectorOperands.check(binding, 0) == VectorOperands.UNKNOWN) {
        throw VectorOperands.error(binding.operand(0), "cannot tell the dimension of "
            + binding.operand(0) + "; use a FLOAT[n] column or CAST(... AS FLOAT[n])");
      }
    }
  },
  /** A value and a dimension literal: TO_VECTOR(value, n), what CAST(value AS FLOAT[n]) becomes. */
  CONVERSION(2) {
    @Override
    void check(SqlCallBinding binding) {
      int dimension = VectorOperands.check(binding, 0);
      if (binding.operand(1).getKind() != SqlKind.LITERAL) {
        throw VectorOperands.error(binding.operand(1), "the vector dimension must be a number");
      }
      int expected = ((SqlLiteral) binding.operand(1)).intValue(true);
      if (dimension != VectorOperands.UNKNOWN && dimension != expected) {
        throw VectorOperands.error(binding.getCall(),
            "vector dimensions differ: FLOAT[" + expected + "] and " + dimension);
      }
    }
  };

  private final int operandCount;

  VectorOperandChecker(int operandCount) {
    this.operandCount = operandCount;
  }

  abstract void check(SqlCallBinding binding);

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    check(binding);
    return true;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.of(operandCount);
  }

  @Override
  public String getAllowedSignatures(SqlOperator op, String opName) {
    return switch (this) {
      case PAIR -> opName + "(<VECTOR>, <VECTOR>)";
      case SINGLE, SINGLE_FIXED -> opName + "(<VECTOR>)";
      case CONVERSION -> opName + "(<VECTOR>, <DIMENSION>)";
    };
  }
}
