package dev.eider.adapter.sql;

import dev.eider.adapter.vector.VectorFunctions;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.SqlReturnTypeInference;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql.validate.SqlValidatorScope;

/**
 * A vector function (l2_distance, vector_dims, ...), also what the distance operators become after
 * validation. It is a {@link SqlUserDefinedFunction} only so that Calcite's Enumerable code generator
 * calls its Java implementation in {@link VectorFunctions}; its category is NUMERIC, not user-defined,
 * so Calcite's JDBC rules still push it into DuckDB, where {@link EiderSqlDialect} writes DuckDB's
 * function for it.
 */
public final class VectorFunction extends SqlUserDefinedFunction {
  private final VectorOperandChecker checker;

  VectorFunction(String name, String javaMethod, SqlReturnTypeInference returnType,
      VectorOperandChecker checker) {
    super(new SqlIdentifier(name, SqlParserPos.ZERO), SqlKind.OTHER_FUNCTION, returnType,
        VectorOperandInference.INSTANCE, null, ScalarFunctionImpl.create(method(javaMethod)),
        SqlFunctionCategory.NUMERIC, SqlSyntax.FUNCTION);
    this.checker = checker;
  }

  private static Method method(String name) {
    return Arrays.stream(VectorFunctions.class.getMethods())
        .filter(m -> m.getName().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("VectorFunctions." + name + " is missing"));
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    return checker.checkOperandTypes(binding, throwOnFailure);
  }

  @Override
  public RelDataType deriveType(SqlValidator validator, SqlValidatorScope scope, SqlCall call) {
    RelDataType type = super.deriveType(validator, scope, call);
    VectorOperandInference.inferParameters(validator, scope, call);
    return type;
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return checker.getOperandCountRange();
  }

  /**
   * TO_VECTOR is never folded into a constant at planning time: the folded value would be a plain
   * array literal, which DuckDB does not accept where a FLOAT[n] is expected, while the call itself
   * is written as {@code CAST(x AS FLOAT[n])}. Planner rules treat TO_VECTOR of a literal or a bind
   * parameter as a constant.
   */
  @Override
  public boolean isDynamicFunction() {
    return this == VectorOperators.TO_VECTOR;
  }
}
