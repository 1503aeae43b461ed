package dev.eider.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ./eider sql --url ... -e ...}: prints what DuckDB itself returns, exit code 1 on error. */
class SqlCommandTest {
  @TempDir Path dir;
  Path file;
  final StringWriter out = new StringWriter();
  final StringWriter err = new StringWriter();

  @BeforeEach
  void createDatabase() throws SQLException {
    file = dir.resolve("cli.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement statement = duck.createStatement()) {
      statement.execute("CREATE TABLE t (id INTEGER, emb FLOAT[2])");
      statement.execute("INSERT INTO t SELECT i, [i * 0.5, 1 - i * 0.1] FROM range(20) r(i)");
    }
  }

  private int run(String... args) {
    return new CommandLine(new EiderCli()).setOut(new PrintWriter(out))
        .setErr(new PrintWriter(err)).execute(args);
  }

  @Test
  void printsTheRowsDuckDbReturns() throws SQLException {
    List<String> expectedIds = new ArrayList<>();
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        ResultSet rows = duck.createStatement().executeQuery(
            "SELECT id FROM t ORDER BY array_distance(emb, [3, 0.4]::FLOAT[2]) LIMIT 3")) {
      while (rows.next()) {
        expectedIds.add(rows.getString(1));
      }
    }
    int exit = run("sql", "--url", "jdbc:eider:duckdb=" + file, "-e",
        "SELECT id FROM t ORDER BY emb <-> ARRAY[3, 0.4] LIMIT 3");
    assertThat(exit).isZero();
    List<String> printedIds = out.toString().lines()
        .filter(line -> line.matches("\\| +\\d+ +\\|")).map(line -> line.replaceAll("[| ]", ""))
        .toList();
    assertThat(printedIds).isEqualTo(expectedIds);
    assertThat(out.toString()).contains("| id |").contains("3 rows selected");
  }

  @Test
  void printsVectorsAndUpdateCounts() {
    assertThat(run("sql", "--url", "jdbc:eider:duckdb=" + file, "-e",
        "SELECT emb FROM t WHERE id = 2;")).isZero();
    assertThat(out.toString()).contains("[1.0, 0.8]");
    assertThat(run("sql", "--url", "jdbc:eider:duckdb=" + file, "-e",
        "DELETE FROM t WHERE id > 10")).isZero();
    assertThat(out.toString()).contains("9 row(s) affected");
  }

  @Test
  void failingStatementsExitWithOneAndSayWhy() {
    int exit = run("sql", "--url", "jdbc:eider:duckdb=" + file, "-e",
        "SELECT id FROM t ORDER BY emb <-> ARRAY[1, 2, 3] LIMIT 3");
    assertThat(exit).isEqualTo(1);
    assertThat(err.toString()).contains("vector dimensions differ: 2 and 3");
  }
}
