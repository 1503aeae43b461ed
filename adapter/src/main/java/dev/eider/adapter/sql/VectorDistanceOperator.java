package dev.eider.adapter.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * An infix distance operator ({@code <->}, {@code <=>}, {@code <#>}). It exists for parsing and
 * validation; {@link EiderConvertletTable} turns it into a call of its {@link #function()}.
 */
public final class VectorDistanceOperator extends SqlBinaryOperator {
  /** Binds tighter than comparisons (30) and looser than {@code +} (40); Calcite wants it even. */
  private static final int PRECEDENCE = 34;

  private final VectorFunction function;

  VectorDistanceOperator(String name, VectorFunction function) {
    super(name, SqlKind.OTHER, PRECEDENCE, true, ReturnTypes.DOUBLE_NULLABLE,
        VectorOperandInference.INSTANCE, VectorOperandChecker.PAIR);
    this.function = function;
  }

  /**
   * A distance is a DOUBLE whatever its operands. The inherited derivation adjusts character sets of
   * the operands, which asks for the type of a bind parameter before the validator has inferred it.
   */
  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    for (SqlNode operand : call.getOperandList()) {
      validator.deriveType(scope, operand);
    }
    RelDataType type = validateOperands(validator, scope, call);
    VectorOperandInference.inferParameters(validator, scope, call);
    return type;
  }

  @Override
  protected RelDataType adjustType(SqlValidator validator, SqlCall call, RelDataType type) {
    return type;
  }

  /** The function this operator means, e.g. L2_DISTANCE for {@code <->}. */
  public VectorFunction function() {
    return function;
  }
}
