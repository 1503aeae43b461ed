package dev.eider.adapter.parser;

import dev.eider.adapter.DuckDbSchema;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutorImpl;

/**
 * Executes Eider's DDL. Calcite finds the {@code execute(<node class>, Context)} method for each DDL
 * node by reflection; later issues add methods for CREATE/DROP INDEX here.
 *
 * <p>CREATE/DROP of tables, views, schemas and sequences go to DuckDB unchanged, in the database of
 * the connection's default schema.
 */
public class EiderDdlExecutor extends DdlExecutorImpl {

  public EiderDdlExecutor() {}

  public void execute(SqlCreatePassthrough node, CalcitePrepare.Context context) {
    runInDuckDb(node, context);
  }

  public void execute(SqlDropPassthrough node, CalcitePrepare.Context context) {
    runInDuckDb(node, context);
  }

  private static void runInDuckDb(DuckDbPassthrough node, CalcitePrepare.Context context) {
    DuckDbSchema schema = defaultDuckDbSchema(context);
    try (Connection connection = schema.database().connect();
        Statement statement = connection.createStatement()) {
      statement.execute(node.duckDbSql());
    } catch (SQLException e) {
      throw new IllegalArgumentException("DuckDB rejected the statement: " + e.getMessage(), e);
    }
  }

  /** The DuckDB schema statements without a schema name refer to. */
  public static DuckDbSchema defaultDuckDbSchema(CalcitePrepare.Context context) {
    CalciteSchema schema = context.getRootSchema();
    List<String> path = context.getDefaultSchemaPath();
    for (String name : path) {
      CalciteSchema sub = schema.getSubSchema(name, false);
      if (sub == null) {
        break;
      }
      schema = sub;
    }
    DuckDbSchema duckDb = schema.schema instanceof DuckDbSchema d ? d : null;
    if (duckDb == null) {
      throw new IllegalStateException("The default schema " + path + " is not a DuckDB schema; "
          + "connect with jdbc:eider:duckdb=<file> or set defaultSchema in the model");
    }
    return duckDb;
  }
}
