package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every {@code src/test/sql/*.sql} script (see {@link SqlScript}) end to end through
 * {@code jdbc:eider:}, each on a fresh DuckDB file.
 */
class SqlScriptTest {
  @TempDir Path dir;

  @TestFactory
  Stream<DynamicTest> scripts() throws IOException {
    Path scripts = Path.of(System.getProperty("eider.project.dir", "..")).resolve("src/test/sql");
    List<Path> files;
    try (Stream<Path> listing = Files.list(scripts)) {
      files = listing.filter(p -> p.toString().endsWith(".sql")).sorted().toList();
    }
    assertThat(files).as("scripts in %s", scripts).isNotEmpty();
    return files.stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(),
        file.toUri(), () -> run(SqlScript.parse(file))));
  }

  private void run(SqlScript script) throws SQLException {
    Path database = dir.resolve(script.file().getFileName() + ".duckdb");
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + database)) {
      for (SqlScript.Step step : script.steps()) {
        String where = script.file().getFileName() + ":" + step.line();
        switch (step.kind()) {
          case STATEMENT_OK -> execute(eider, step.sql());
          case STATEMENT_ERROR -> assertThatThrownBy(() -> execute(eider, step.sql()))
              .as(where).isInstanceOf(SQLException.class).hasMessageContaining(step.errorText());
          case QUERY -> assertRows(where, query(eider, step.sql()), step.expectedRows());
        }
      }
    }
  }

  private static void execute(Connection eider, String sql) throws SQLException {
    try (Statement statement = eider.createStatement()) {
      if (statement.execute(sql)) {
        statement.getResultSet().close();
      }
    }
  }

  private static List<List<String>> query(Connection eider, String sql) throws SQLException {
    try (Statement statement = eider.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      int columns = rows.getMetaData().getColumnCount();
      List<List<String>> result = new ArrayList<>();
      while (rows.next()) {
        List<String> row = new ArrayList<>();
        for (int i = 1; i <= columns; i++) {
          row.add(text(rows.getObject(i)));
        }
        result.add(row);
      }
      return result;
    }
  }

  private static String text(Object value) throws SQLException {
    return switch (value) {
      case null -> "NULL";
      case Array array -> text(array.getArray());
      case float[] floats -> Arrays.toString(floats);
      case Object[] objects -> Arrays.toString(objects);
      default -> String.valueOf(value);
    };
  }

  private static void assertRows(String where, List<List<String>> actual, List<String> expected) {
    assertThat(actual).as("%s: rows %s", where, actual).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      List<String> want = Arrays.stream(expected.get(r).split("\\|")).map(String::strip).toList();
      List<String> got = actual.get(r);
      assertThat(got).as("%s: row %d", where, r + 1).hasSameSizeAs(want);
      for (int c = 0; c < want.size(); c++) {
        String description = where + ": row " + (r + 1) + " column " + (c + 1);
        Double wantNumber = number(want.get(c));
        Double gotNumber = number(got.get(c));
        if (wantNumber != null && gotNumber != null) {
          assertThat(gotNumber).as(description).isCloseTo(wantNumber, within(1e-5));
        } else {
          assertThat(got.get(c)).as(description).isEqualTo(want.get(c));
        }
      }
    }
  }

  private static Double number(String text) {
    try {
      return Double.valueOf(text);
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
