package dev.eider.adapter.sql;

import dev.eider.adapter.type.VectorSqlType;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.dialect.DuckDBSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The SQL Eider sends to DuckDB: Calcite's DuckDB dialect plus vector types ({@code FLOAT[n]}) and the
 * vector distance functions under DuckDB's names.
 */
public class EiderSqlDialect extends DuckDBSqlDialect {
  public static final EiderSqlDialect DEFAULT = new EiderSqlDialect(DuckDBSqlDialect.DEFAULT_CONTEXT);

  public EiderSqlDialect(SqlDialect.Context context) {
    super(context);
  }

  @Override
  public void unparseCall(SqlWriter writer, SqlCall call, int leftPrec, int rightPrec) {
    if (call.getOperator() instanceof VectorFunction function) {
      VectorSql.unparse(writer, call, function);
    } else {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }

  @Override
  public @Nullable SqlNode getCastSpec(RelDataType type) {
    if (type instanceof VectorSqlType vector) {
      return new SqlDataTypeSpec(
          new VectorTypeNameSpec(vector.dimension(), SqlParserPos.ZERO), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }
}
