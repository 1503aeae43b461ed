package dev.eider.adapter.parser;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;

/** CREATE TABLE / VIEW / SCHEMA / SEQUENCE, executed by DuckDB as written. */
public final class SqlCreatePassthrough extends SqlCreate implements DuckDbPassthrough {
  private final String sql;

  public SqlCreatePassthrough(SqlKind kind, SqlParserPos pos, boolean replace, String sql) {
    super(operator(kind), pos, replace, false);
    this.sql = Passthroughs.statementText(sql);
  }

  private static SqlOperator operator(SqlKind kind) {
    return new SqlSpecialOperator(kind.sql.replace('_', ' ').toUpperCase(Locale.ROOT), kind);
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
