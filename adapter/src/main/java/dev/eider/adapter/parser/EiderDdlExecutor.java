package dev.eider.adapter.parser;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.index.IndexManager;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.server.DdlExecutorImpl;

/**
 * Executes Eider's DDL. Calcite finds the {@code execute(<node class>, Context)} method for each DDL
 * node by reflection.
 *
 * <p>CREATE/DROP of tables, views, schemas, sequences and DuckDB's own indexes go to DuckDB unchanged,
 * in the database of the connection's default schema. LM-DiskANN index statements go to that
 * database's {@link IndexManager}.
 */
public class EiderDdlExecutor extends DdlExecutorImpl {

  public EiderDdlExecutor() {}

  public void execute(SqlCreatePassthrough node, CalcitePrepare.Context context) {
    runInDuckDb(node, context);
  }

  public void execute(SqlDropPassthrough node, CalcitePrepare.Context context) {
    runInDuckDb(node, context);
  }

  public void execute(SqlCreateVectorIndex node, CalcitePrepare.Context context) {
    if (!node.isVectorIndex()) {
      runInDuckDb(node, context);
      return;
    }
    List<String> table = node.table();
    DuckDbSchema schema = table.size() == 1 ? defaultDuckDbSchema(context)
        : duckDbSchema(context, table.get(table.size() - 2));
    String tableName = table.get(table.size() - 1);
    try {
      schema.database().indexManager().create(node.name(), schema.duckDbSchema(), tableName,
          node.column(), node.options(), node.ifNotExists());
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("CREATE INDEX " + node.name() + " failed: " + e.getMessage(),
          e);
    }
  }

  public void execute(SqlDropVectorIndex node, CalcitePrepare.Context context) {
    try {
      if (!indexes(context).drop(node.name())) {
        runInDuckDb(node, context);
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException("DROP INDEX " + node.name() + " failed: " + e.getMessage(), e);
    }
  }

  public void execute(SqlIndexMaintenance node, CalcitePrepare.Context context) {
    IndexManager indexes = indexes(context);
    try {
      switch (node.action()) {
        case VACUUM -> indexes.vacuum(node.name());
        case REBUILD -> indexes.rebuild(node.name());
        case REFRESH -> indexes.refresh(node.name());
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(node.statement() + " failed: " + e.getMessage(), e);
    }
  }

  private static IndexManager indexes(CalcitePrepare.Context context) {
    return defaultDuckDbSchema(context).database().indexManager();
  }

  /** The DuckDB schema a connection calls {@code name} (case-insensitive). */
  private static DuckDbSchema duckDbSchema(CalcitePrepare.Context context, String name) {
    CalciteSchema sub = context.getRootSchema().getSubSchema(name, false);
    if (sub != null && sub.schema instanceof DuckDbSchema duckDb) {
      return duckDb;
    }
    throw new IllegalArgumentException("Schema " + name + " is not a DuckDB schema of this "
        + "connection");
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
