package dev.eider.adapter.parser;

import java.util.List;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code VACUUM INDEX name}: merge the index journal into its graph file and reclaim deletes. */
public final class SqlVacuumIndex extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("VACUUM INDEX", SqlKind.OTHER_DDL);

  private final SqlIdentifier name;

  public SqlVacuumIndex(SqlParserPos pos, SqlIdentifier name) {
    super(pos);
    this.name = name;
  }

  /** The index name (the last part of a qualified name). */
  public String name() {
    return name.names.get(name.names.size() - 1);
  }

  @Override
  public SqlOperator getOperator() {
    return OPERATOR;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword("VACUUM INDEX");
    name.unparse(writer, leftPrec, rightPrec);
  }
}
