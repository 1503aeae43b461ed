package dev.eider.adapter.parser;

import java.util.List;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** {@code DROP INDEX [IF EXISTS] name}: an LM-DiskANN index, or else DuckDB's (passed through). */
public final class SqlDropVectorIndex extends SqlDrop implements DuckDbPassthrough {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("DROP INDEX", SqlKind.DROP_INDEX);

  private final SqlIdentifier name;
  private final String sql;

  public SqlDropVectorIndex(SqlParserPos pos, boolean ifExists, SqlIdentifier name, String sql) {
    super(OPERATOR, pos, ifExists);
    this.name = name;
    this.sql = Passthroughs.statementText(sql);
  }

  public boolean ifExists() {
    return ifExists;
  }

  /** The index name (the last part of a qualified name). */
  public String name() {
    return name.names.get(name.names.size() - 1);
  }

  @Override
  public String duckDbSql() {
    return sql;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.print(sql);
  }
}
