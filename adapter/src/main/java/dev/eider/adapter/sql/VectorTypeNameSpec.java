package dev.eider.adapter.sql;

import dev.eider.adapter.type.DuckDbTypes;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlTypeNameSpec;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.util.Litmus;

/** The type {@code FLOAT[n]} in a parse tree: parsed in CAST targets, written in SQL for DuckDB. */
public final class VectorTypeNameSpec extends SqlTypeNameSpec {
  private final int dimension;

  public VectorTypeNameSpec(int dimension, SqlParserPos pos) {
    super(new SqlIdentifier("FLOAT", pos), pos);
    this.dimension = dimension;
  }

  public int dimension() {
    return dimension;
  }

  @Override
  public RelDataType deriveType(SqlValidator validator) {
    return DuckDbTypes.vectorType(validator.getTypeFactory(), dimension);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("FLOAT[" + dimension + "]");
  }

  @Override
  public boolean equalsDeep(SqlTypeNameSpec spec, Litmus litmus) {
    if (spec instanceof VectorTypeNameSpec that && that.dimension == dimension) {
      return litmus.succeed();
    }
    return litmus.fail("{} != {}", this, spec);
  }
}
