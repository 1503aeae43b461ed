package dev.eider.server.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import sqlline.SqlLine;

/**
 * {@code ./eider sql}: an SQL shell (sqlline) on the embedded engine, or with {@code -e} one statement
 * whose result is printed as a table; the exit code is 1 when the statement fails.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description = "SQL shell (sqlline) on the embedded engine, or run one statement with -e.")
public final class SqlCommand implements Callable<Integer> {
  /** Line width for sqlline's tables when its output is not a terminal. */
  private static final int PIPED_WIDTH = 200;

  @Spec CommandSpec spec;

  @Option(names = "--url", paramLabel = "JDBC_URL",
      description = "JDBC URL (default: ${DEFAULT-VALUE}, the database of model.json); "
          + "e.g. jdbc:eider:duckdb=FILE or jdbc:eider:model=FILE",
      defaultValue = "jdbc:eider:")
  String url;

  @Option(names = {"-e", "--execute"}, paramLabel = "SQL",
      description = "Run this statement, print its result as a table and exit.")
  String statement;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (statement == null) {
      return shell();
    }
    try (Connection connection = DriverManager.getConnection(url);
        Statement jdbc = connection.createStatement()) {
      String sql = statement.strip();
      if (sql.endsWith(";")) {
        sql = sql.substring(0, sql.length() - 1);
      }
      if (jdbc.execute(sql)) {
        try (ResultSet rows = jdbc.getResultSet()) {
          new ResultTable(rows).print(out);
        }
      } else {
        out.println(jdbc.getUpdateCount() + " row(s) affected");
      }
      return 0;
    } catch (SQLException e) {
      spec.commandLine().getErr().println("Error: " + e.getMessage());
      return 1;
    } finally {
      out.flush();
    }
  }

  private int shell() throws IOException {
    List<String> args = new ArrayList<>(List.of("-u", url, "-n", "", "-p", "",
        "-d", "dev.eider.server.jdbc.EiderDriver", "--isolation=TRANSACTION_NONE"));
    if (System.console() == null || !System.console().isTerminal()) {
      // Without a terminal sqlline sees a width of 0 and prints empty columns.
      args.add("--maxWidth=" + PIPED_WIDTH);
    }
    SqlLine.Status status = new SqlLine().begin(args.toArray(String[]::new), null, true);
    return status == SqlLine.Status.OK ? 0 : 1;
  }
}
