package dev.eider.adapter.sql;

import dev.eider.adapter.type.DuckDbTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlDynamicParam;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.type.SqlOperandTypeInference;
import org.apache.calcite.sql.type.SqlTypeName;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * Gives a bind parameter in a vector position the vector type of the other side ({@code emb <-> ?}
 * makes {@code ?} a FLOAT[n] parameter, and so does {@code CAST(? AS FLOAT[n])}).
 */
final class VectorOperandInference implements SqlOperandTypeInference {
  static final VectorOperandInference INSTANCE = new VectorOperandInference();

  private VectorOperandInference() {}

  @Override
  public void inferOperandTypes(SqlCallBinding binding, RelDataType returnType,
      RelDataType[] operandTypes) {
    int dimension = knownDimension(binding);
    for (int i = 0; i < operandTypes.length; i++) {
      if (operandTypes[i].getSqlTypeName() == SqlTypeName.UNKNOWN
          && dimension != VectorOperands.UNKNOWN) {
        operandTypes[i] = DuckDbTypes.vectorType(binding.getTypeFactory(), dimension);
      }
    }
  }

  /**
   * Types the bind parameters among a vector call's operands now. The validator infers parameter
   * types in the SELECT list and WHERE clause itself, but not in ORDER BY, where a k-NN query puts
   * its distance.
   */
  static void inferParameters(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    SqlCallBinding binding = new SqlCallBinding(validator, scope, call);
    int dimension = knownDimension(binding);
    if (dimension == VectorOperands.UNKNOWN) {
      return;
    }
    for (SqlNode operand : call.getOperandList()) {
      if (operand instanceof SqlDynamicParam) {
        RelDataType known = validator.getValidatedNodeTypeIfKnown(operand);
        if (known == null || known.getSqlTypeName() == SqlTypeName.UNKNOWN) {
          validator.setValidatedNodeType(operand,
              DuckDbTypes.vectorType(validator.getTypeFactory(), dimension));
        }
      }
    }
  }

  private static int knownDimension(SqlCallBinding binding) {
    if (binding.getOperator() == VectorOperators.TO_VECTOR) {
      return binding.operand(1).getKind() == SqlKind.LITERAL
          ? ((SqlLiteral) binding.operand(1)).intValue(true) : VectorOperands.UNKNOWN;
    }
    for (int i = 0; i < binding.getOperandCount(); i++) {
      RelDataType type = binding.getValidator().getValidatedNodeTypeIfKnown(binding.operand(i));
      if (type == null && binding.operand(i).getKind() != SqlKind.DYNAMIC_PARAM) {
        type = binding.getValidator().deriveType(binding.getScope(), binding.operand(i));
      }
      if (type != null && type.getSqlTypeName() != SqlTypeName.UNKNOWN) {
        int dimension = VectorOperands.check(binding, i);
        if (dimension != VectorOperands.UNKNOWN) {
          return dimension;
        }
      }
    }
    return VectorOperands.UNKNOWN;
  }
}
