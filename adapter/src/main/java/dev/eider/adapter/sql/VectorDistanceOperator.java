package dev.eider.adapter.sql;

import org.apache.calcite.sql.SqlBinaryOperator;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.ReturnTypes;

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

  /** The function this operator means, e.g. L2_DISTANCE for {@code <->}. */
  public VectorFunction function() {
    return function;
  }
}
