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

/**
 * {@code VACUUM INDEX name}, {@code ALTER INDEX name REBUILD} and {@code ALTER INDEX name REFRESH}:
 * maintenance of an existing LM-DiskANN index.
 */
public final class SqlIndexMaintenance extends SqlCall {
  private static final SqlOperator VACUUM =
      new SqlSpecialOperator("VACUUM INDEX", SqlKind.OTHER_DDL);
  private static final SqlOperator ALTER =
      new SqlSpecialOperator("ALTER INDEX", SqlKind.ALTER_INDEX);

  /** What to do with the index. */
  public enum Action {
    /** Merge the journal into the graph file and reclaim deleted nodes. */
    VACUUM,
    /** Build the graph again from the table. */
    REBUILD,
    /** Take in rows other programs wrote into the table. */
    REFRESH
  }

  private final SqlIdentifier name;
  private final Action action;

  public SqlIndexMaintenance(SqlParserPos pos, SqlIdentifier name, Action action) {
    super(pos);
    this.name = name;
    this.action = action;
  }

  /** The index name (the last part of a qualified name). */
  public String name() {
    return name.names.getLast();
  }

  public Action action() {
    return action;
  }

  /** The statement as written, without its name: {@code VACUUM INDEX} or {@code ALTER INDEX ... REBUILD}. */
  public String statement() {
    return action == Action.VACUUM ? "VACUUM INDEX " + name() : "ALTER INDEX " + name() + " " + action;
  }

  @Override
  public SqlOperator getOperator() {
    return action == Action.VACUUM ? VACUUM : ALTER;
  }

  @Override
  public List<SqlNode> getOperandList() {
    return List.of(name);
  }

  @Override
  public void unparse(SqlWriter writer, int leftPrec, int rightPrec) {
    writer.keyword(getOperator().getName());
    name.unparse(writer, leftPrec, rightPrec);
    if (action != Action.VACUUM) {
      writer.keyword(action.name());
    }
  }
}
