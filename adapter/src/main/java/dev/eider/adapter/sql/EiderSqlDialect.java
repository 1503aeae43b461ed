package dev.eider.adapter.sql;

import dev.eider.adapter.embed.EmbedFunction;
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
    } else if (call.getOperator() instanceof EmbedFunction) {
      EmbedFunction.unparse(writer, call);
    } else {
      super.unparseCall(writer, call, leftPrec, rightPrec);
    }
  }

  /** DuckDB's spelling of the CAST target types Calcite would spell differently. */
  @Override
  public @Nullable SqlNode getCastSpec(RelDataType type) {
    String duckDbType = duckDbTypeName(type);
    if (duckDbType != null) {
      return new SqlDataTypeSpec(new DuckDbTypeNameSpec(duckDbType), SqlParserPos.ZERO);
    }
    return super.getCastSpec(type);
  }

  private static @Nullable String duckDbTypeName(RelDataType type) {
    if (type instanceof VectorSqlType vector) {
      return vector.duckDbName();
    }
    return switch (type.getSqlTypeName()) {
      case CHAR, VARCHAR -> "VARCHAR";
      case TIMESTAMP -> "TIMESTAMP";
      case REAL -> "FLOAT";
      case ARRAY -> {
        RelDataType element = type.getComponentType();
        String elementName = element == null ? null : duckDbTypeName(element);
        yield elementName == null && element != null
            ? element.getSqlTypeName().getName() + "[]"
            : elementName + "[]";
      }
      default -> null;
    };
  }
}
