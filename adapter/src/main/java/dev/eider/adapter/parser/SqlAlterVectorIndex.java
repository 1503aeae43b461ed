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

/** {@code ALTER INDEX name REBUILD} and {@code ALTER INDEX name REFRESH}. */
public final class SqlAlterVectorIndex extends SqlCall {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("ALTER INDEX", SqlKind.ALTER_INDEX);

  /** What to do with the index. */
  public enum Action {
    /** Build the graph again from the table. */
    REBUILD,
    /** Take in rows other programs wrote into the table. */
    REFRESH
  }

  private final SqlIdentifier name;
  private final Action action;

  public SqlAlterVectorIndex(SqlParserPos pos, SqlIdentifier name, Action action) {
    super(pos);
    this.name = name;
    this.action = action;
  }

  /** The index name (the last part of a qualified name). */
  public String name() {
    return name.names.get(name.names.size() - 1);
  }

  public Action action() {
    return action;
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
    writer.keyword("ALTER INDEX");
    name.unparse(writer, leftPrec, rightPrec);
    writer.keyword(action.name());
  }
}
