package dev.eider.adapter.sql;

import java.util.Map;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;

/** Writes Eider's vector function calls as DuckDB SQL. */
final class VectorSql {
  /** DuckDB functions with the same arguments and meaning. */
  private static final Map<VectorFunction, String> DUCKDB_FUNCTIONS = Map.of(
      VectorOperators.L2_DISTANCE, "array_distance",
      VectorOperators.COSINE_DISTANCE, "array_cosine_distance",
      VectorOperators.NEGATIVE_INNER_PRODUCT, "array_negative_inner_product",
      VectorOperators.INNER_PRODUCT, "array_inner_product",
      VectorOperators.VECTOR_DIMS, "len");

  private VectorSql() {}

  static void unparse(SqlWriter writer, SqlCall call, VectorFunction function) {
    if (function == VectorOperators.TO_VECTOR) {
      int dimension = ((SqlLiteral) call.operand(1)).intValue(true);
      SqlWriter.Frame frame = writer.startFunCall("CAST");
      call.operand(0).unparse(writer, 0, 0);
      writer.sep("AS");
      writer.keyword("FLOAT[" + dimension + "]");
      writer.endFunCall(frame);
    } else if (function == VectorOperators.VECTOR_NORM) {
      SqlWriter.Frame sqrt = writer.startFunCall("sqrt");
      functionCall(writer, "array_inner_product", call.operand(0), call.operand(0));
      writer.endFunCall(sqrt);
    } else {
      String name = DUCKDB_FUNCTIONS.get(function);
      if (name == null) {
        throw new IllegalStateException("No DuckDB SQL for " + function.getName());
      }
      functionCall(writer, name, call.getOperandList().toArray(SqlNode[]::new));
    }
  }

  private static void functionCall(SqlWriter writer, String name, SqlNode... operands) {
    SqlWriter.Frame frame = writer.startFunCall(name);
    for (SqlNode operand : operands) {
      writer.sep(",");
      operand.unparse(writer, 0, 0);
    }
    writer.endFunCall(frame);
  }
}
