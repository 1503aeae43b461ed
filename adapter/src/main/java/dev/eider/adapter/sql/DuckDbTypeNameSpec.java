package dev.eider.adapter.sql;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** A type written verbatim in SQL for DuckDB ({@code VARCHAR[]}, {@code FLOAT[3]}); never parsed. */
final class DuckDbTypeNameSpec extends SqlTypeNameSpec {
  private final String duckDbType;

  DuckDbTypeNameSpec(String duckDbType) {
    super(new SqlIdentifier(duckDbType, SqlParserPos.ZERO), SqlParserPos.ZERO);
    this.duckDbType = duckDbType;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    throw new UnsupportedOperationException("DuckDB type names are only written, not validated: "
        + duckDbType);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(duckDbType);
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (spec instanceof DuckDbTypeNameSpec that && that.duckDbType.equals(duckDbType)) {
      return litmus.succeed();
    }
    return litmus.fail("{} != {}", this, spec);
  }
}
