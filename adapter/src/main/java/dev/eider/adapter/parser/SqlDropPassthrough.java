package dev.eider.adapter.parser;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlDrop;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** DROP TABLE / VIEW / SCHEMA / SEQUENCE, executed by DuckDB as written. */
public final class SqlDropPassthrough extends SqlDrop implements DuckDbPassthrough {
  private final String sql;

  public SqlDropPassthrough(SqlKind kind, SqlParserPos pos, String sql) {
    super(new SqlSpecialOperator(kind.sql.replace('_', ' ').toUpperCase(Locale.ROOT), kind), pos,
        false);
    this.sql = Passthroughs.statementText(sql);
  }

  @Override
  public String duckDbSql() {
    return sql;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of();
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.print(sql);
  }
}
