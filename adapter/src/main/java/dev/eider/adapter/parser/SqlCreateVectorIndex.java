package dev.eider.adapter.parser;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.calcite.sql.SqlCreate;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.SqlOperator;
import org.apache.calcite.sql.SqlSpecialOperator;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * {@code CREATE INDEX [IF NOT EXISTS] name ON table USING LM_DISKANN (column) [WITH (...)]}. Without
 * {@code USING LM_DISKANN} the index is DuckDB's own and the statement is passed through.
 */
public final class SqlCreateVectorIndex extends SqlCreate implements DuckDbPassthrough {
  private static final SqlOperator OPERATOR =
      new SqlSpecialOperator("CREATE INDEX", SqlKind.CREATE_INDEX);
  /** The index method this node builds. */
  public static final String METHOD = "LM_DISKANN";

  private final SqlIdentifier name;
  private final SqlIdentifier table;
  private final @Nullable SqlIdentifier method;
  private final @Nullable SqlIdentifier column;
  private final SqlNodeList options;
  private final String sql;

  public SqlCreateVectorIndex(SqlParserPos pos, boolean replace, boolean ifNotExists,
      SqlIdentifier name, SqlIdentifier table, @Nullable SqlIdentifier method,
      @Nullable SqlIdentifier column, SqlNodeList options, String sql) {
    super(OPERATOR, pos, replace, ifNotExists);
    this.name = name;
    this.table = table;
    this.method = method;
    this.column = column;
    this.options = options;
    this.sql = Passthroughs.statementText(sql);
  }

  /** Whether {@code method} names the LM-DiskANN index method. */
  public static boolean isLmDiskann(SqlIdentifier method) {
    return method.isSimple() && method.getSimple().equalsIgnoreCase(METHOD);
  }

  /** Whether this is an LM-DiskANN index (otherwise DuckDB's, passed through). */
  public boolean isVectorIndex() {
    return method != null && isLmDiskann(method) && column != null;
  }

  public boolean ifNotExists() {
    return ifNotExists;
  }

  public String name() {
    return name.getSimple();
  }

  /** The table name's parts ({@code [table]} or {@code [schema, table]}). */
  public List<String> table() {
    return table.names;
  }

  public String column() {
    if (column == null) {
      throw new IllegalStateException("not an LM_DISKANN index");
    }
    return column.getSimple();
  }

  /** The WITH options, name to value text; a name given twice fails. */
  public Map<String, String> options() {
    Map<String, String> map = new LinkedHashMap<>();
    List<SqlNode> list = options.getList();
    for (int i = 0; i + 1 < list.size(); i += 2) {
      String key = ((SqlIdentifier) list.get(i)).getSimple();
      SqlNode value = list.get(i + 1);
      String text = value instanceof SqlLiteral literal
          ? String.valueOf(literal.getValue() instanceof org.apache.calcite.util.NlsString nls
              ? nls.getValue() : literal.toValue())
          : ((SqlIdentifier) value).getSimple();
      if (map.put(key, text) != null) {
        throw new IllegalArgumentException("Index option '" + key + "' is given twice");
      }
    }
    return map;
  }

  @Override
  public String duckDbSql() {
    return sql;
  }

  @Override
  public List<SqlNode> getOperandList() {
    List<SqlNode> operands = new ArrayList<>(List.of(name, table));
    if (method != null) {
      operands.add(method);
    }
    if (column != null) {
      operands.add(column);
    }
    operands.add(options);
    return operands;
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.print(sql);
  }
}
