package dev.eider.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DemoCommandTest {

  @TempDir Path dir;

  @Test
  void demoBuildsTheRequestedRowsThenQueriesThemThroughTheEngineAndReusesTheFile() throws Exception {
    Path dbFile = dir.resolve("demo.duckdb");

    String first = run("demo", "--db", dbFile.toString(), "--rows", "40");

    assertThat(first).contains("Built the demo database", "40 rows embedded with all-minilm-l6-v2-q");
    assertThat(first.lines().filter(line -> line.startsWith("  ")).count()).isEqualTo(5);
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + dbFile, readOnly);
        Statement statement = duck.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*), max(id) FROM foldoc")) {
      rows.next();
      assertThat(rows.getLong(1)).isEqualTo(40);
      assertThat(rows.getLong(2)).isEqualTo(40);
    }
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + dbFile);
        Statement statement = eider.createStatement();
        ResultSet index = statement.executeQuery(
            "SELECT table_name, column_name, state, live_nodes FROM sys.indexes WHERE name = 'foldoc_embedding'")) {
      assertThat(index.next()).isTrue();
      assertThat(index.getString(1)).isEqualTo("foldoc");
      assertThat(index.getString(2)).isEqualTo("embedding");
      assertThat(index.getString(3)).isEqualTo("READY");
      assertThat(index.getLong(4)).isEqualTo(40);
    }

    assertThat(run("demo", "--db", dbFile.toString(), "--rows", "40")).contains("exists; reusing it");
  }

  @Test
  void throughputReportsBothWaysOfCallingTheModelAndBuildsNothing() {
    String report = run("demo", "--db", dir.resolve("unused.duckdb").toString(), "--throughput", "8");

    assertThat(report).contains("all-minilm-l6-v2-q on 8 corpus texts", "one text per call", "batches of 128");
    assertThat(dir.resolve("unused.duckdb")).doesNotExist();
  }

  @Test
  void nonPositiveRowCountIsRefused() {
    CommandLine cli = new CommandLine(new EiderCli());
    StringWriter err = new StringWriter();
    cli.setErr(new PrintWriter(err));

    int exit = cli.execute("demo", "--db", dir.resolve("x.duckdb").toString(), "--rows", "0");

    assertThat(exit).isNotZero();
    assertThat(err.toString()).contains("--rows must be positive");
    assertThat(dir.resolve("x.duckdb")).doesNotExist();
  }

  private static String run(String... args) {
    CommandLine cli = new CommandLine(new EiderCli());
    StringWriter out = new StringWriter();
    cli.setOut(new PrintWriter(out));
    assertThat(cli.execute(args)).isZero();
    return out.toString();
  }
}
