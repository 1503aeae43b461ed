package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vector operators and functions, in every vector form, checked against DuckDB's own answers. */
class VectorSqlTest {
  @TempDir Path dir;
  Path file;

  @BeforeEach
  void createDatabase() throws SQLException {
    file = dir.resolve("v.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE items (id INTEGER PRIMARY KEY, category VARCHAR, emb FLOAT[3])");
      Sql.update(duck, "INSERT INTO items VALUES (1, 'a', [1, 0, 0]), (2, 'b', [0, 1, 0]), "
          + "(3, 'a', [0.5, 0.5, 0.1]), (4, 'b', [2, 2, 2]), (5, 'a', [-1, 0.2, 0.3]), "
          + "(6, 'a', NULL)");
    }
  }

  private Connection eider() throws SQLException {
    return DriverManager.getConnection("jdbc:eider:duckdb=" + file);
  }

  private List<List<Object>> duckDb(String sql) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      return Sql.rows(duck, sql);
    }
  }

  @Test
  void operatorsAndFunctionsEqualDuckDbs() throws SQLException {
    String q = "CAST('[0.3, 0.2, 0.9]' AS FLOAT[3])";
    List<List<Object>> expected = duckDb("SELECT id, array_distance(emb, " + q + "), "
        + "array_cosine_distance(emb, " + q + "), array_negative_inner_product(emb, " + q + "), "
        + "array_inner_product(emb, " + q + "), len(emb), sqrt(array_inner_product(emb, emb)) "
        + "FROM items ORDER BY id");
    try (Connection eider = eider()) {
      List<List<Object>> operators = Sql.rows(eider, "SELECT id, emb <-> '[0.3, 0.2, 0.9]', "
          + "emb <=> ARRAY[0.3, 0.2, 0.9], emb <#> " + q + ", inner_product(emb, " + q + "), "
          + "vector_dims(emb), vector_norm(emb) FROM items ORDER BY id");
      List<List<Object>> functions = Sql.rows(eider, "SELECT id, l2_distance(emb, " + q + "), "
          + "cosine_distance(emb, " + q + "), emb <#> '[0.3,0.2,0.9]', inner_product(" + q
          + ", emb), vector_dims(emb), vector_norm(emb) FROM items ORDER BY id");
      assertSameNumbers(operators, expected);
      assertSameNumbers(functions, expected);
    }
  }

  @Test
  void nullVectorsGiveNull() throws SQLException {
    try (Connection eider = eider()) {
      assertThat(Sql.rows(eider, "SELECT emb <-> ARRAY[1,2,3], vector_dims(emb) FROM items "
          + "WHERE id = 6")).containsExactly(java.util.Arrays.asList(null, null));
    }
  }

  @Test
  void javaEvaluationEqualsDuckDb() throws SQLException {
    String a = "'[0.25, -1.5, 3]'";
    String b = "'[1, 0.5, -2]'";
    List<List<Object>> expected = duckDb("SELECT array_distance(CAST(" + a + " AS FLOAT[3]), CAST("
        + b + " AS FLOAT[3])), array_cosine_distance(CAST(" + a + " AS FLOAT[3]), CAST(" + b
        + " AS FLOAT[3])), array_negative_inner_product(CAST(" + a + " AS FLOAT[3]), CAST(" + b
        + " AS FLOAT[3]))");
    try (Connection eider = eider()) {
      String sql = "SELECT CAST(" + a + " AS FLOAT[3]) <-> " + b + ", CAST(" + a
          + " AS FLOAT[3]) <=> " + b + ", CAST(" + a + " AS FLOAT[3]) <#> " + b;
      assertThat(Sql.duckDbStatements(eider, sql)).isEmpty();
      assertSameNumbers(Sql.rows(eider, sql), expected);
    }
  }

  @Test
  void exactTopKRunsInDuckDbAsOneStatement() throws SQLException {
    List<List<Object>> expected = duckDb("SELECT id FROM items WHERE category = 'a' "
        + "ORDER BY array_distance(emb, [1, 0.1, 0]::FLOAT[3]) LIMIT 2");
    try (Connection eider = eider()) {
      String sql = "SELECT id FROM items WHERE category = 'a' ORDER BY emb <-> ARRAY[1, 0.1, 0] "
          + "LIMIT 2";
      assertThat(Sql.rows(eider, sql)).isEqualTo(expected);
      assertThat(Sql.duckDbStatements(eider, sql)).singleElement().asString()
          .contains("ARRAY_DISTANCE(\"emb\", CAST(", "AS FLOAT[3])", "WHERE \"category\" = 'a'",
              "ORDER BY", "FETCH NEXT 2 ROWS ONLY");
    }
  }

  @Test
  void bindParametersAcceptFloatArraysSqlArraysAndText() throws SQLException {
    List<List<Object>> expected = duckDb("SELECT id, array_cosine_distance(emb, "
        + "[0.1, 0.9, 0.2]::FLOAT[3]) AS d FROM items WHERE emb IS NOT NULL ORDER BY d LIMIT 3");
    try (Connection eider = eider();
        PreparedStatement query = eider.prepareStatement(
            "SELECT id, emb <=> ? AS d FROM items WHERE emb IS NOT NULL ORDER BY d LIMIT 3")) {
      assertThat(query.getParameterMetaData().getParameterTypeName(1)).isEqualTo("FLOAT[3]");
      query.setObject(1, new float[] {0.1f, 0.9f, 0.2f});
      assertSameNumbers(rows(query), expected);
      query.setString(1, "[0.1, 0.9, 0.2]");
      assertSameNumbers(rows(query), expected);
      Array array = eider.createArrayOf("FLOAT", new Object[] {0.1f, 0.9f, 0.2f});
      query.setArray(1, array);
      assertSameNumbers(rows(query), expected);
      query.setObject(1, new double[] {0.1, 0.9, 0.2});
      assertSameNumbers(rows(query), expected);
    }
  }

  @Test
  void vectorParametersInInsertAndUpdate() throws SQLException {
    try (Connection eider = eider();
        PreparedStatement insert = eider.prepareStatement(
            "INSERT INTO items (id, category, emb) VALUES (?, 'c', ?)");
        PreparedStatement update = eider.prepareStatement("UPDATE items SET emb = ? WHERE id = ?")) {
      insert.setInt(1, 10);
      insert.setObject(2, new float[] {0.25f, 0.5f, 0.75f});
      assertThat(insert.executeUpdate()).isEqualTo(1);
      insert.setInt(1, 11);
      insert.setString(2, "[1, 2, 3]");
      assertThat(insert.executeUpdate()).isEqualTo(1);
      update.setObject(1, new double[] {7, 8, 9});
      update.setInt(2, 1);
      assertThat(update.executeUpdate()).isEqualTo(1);
    }
    assertThat(duckDb("SELECT id, emb::VARCHAR FROM items WHERE id IN (1, 10, 11) ORDER BY id"))
        .containsExactly(List.of(1, "[7.0, 8.0, 9.0]"), List.of(10, "[0.25, 0.5, 0.75]"),
            List.of(11, "[1.0, 2.0, 3.0]"));
  }

  @Test
  void vectorLiteralsKeepDuckDbsFloatValues() throws SQLException {
    String decimals = "0.1234567891234, -2.5e-3, 3";
    try (Connection eider = eider()) {
      assertThat(Sql.update(eider, "INSERT INTO items VALUES (20, 'c', ARRAY[" + decimals + "])"))
          .isEqualTo(1);
      assertThat(Sql.update(eider,
          "INSERT INTO items VALUES (21, 'c', CAST(ARRAY[" + decimals + "] AS FLOAT[3]))"))
          .isEqualTo(1);
      assertThat(Sql.update(eider, "INSERT INTO items VALUES (22, 'c', '[" + decimals + "]')"))
          .isEqualTo(1);
      assertThat(Sql.rows(eider, "SELECT 1 + 2, CAST(0.5 AS REAL) * 2"))
          .containsExactly(List.of(3, 1.0f));
    }
    String expected = (String) duckDb("SELECT [" + decimals + "]::FLOAT[3]::VARCHAR").getFirst()
        .getFirst();
    assertThat(duckDb("SELECT id, emb::VARCHAR FROM items WHERE id >= 20 ORDER BY id"))
        .containsExactly(List.of(20, expected), List.of(21, expected), List.of(22, expected));
  }

  @Test
  void queryByExampleUsesAScalarSubquery() throws SQLException {
    List<List<Object>> expected = duckDb("SELECT id FROM items WHERE emb IS NOT NULL ORDER BY "
        + "array_distance(emb, (SELECT emb FROM items WHERE id = 3)), id LIMIT 3");
    try (Connection eider = eider()) {
      assertThat(Sql.rows(eider, "SELECT id FROM items WHERE emb IS NOT NULL ORDER BY emb <-> "
          + "(SELECT emb FROM items WHERE id = 3), id LIMIT 3")).isEqualTo(expected);
    }
  }

  @Test
  void radiusFilterInWhere() throws SQLException {
    List<List<Object>> expected = duckDb("SELECT id FROM items "
        + "WHERE array_distance(emb, [0, 0, 0]::FLOAT[3]) < 1.1 ORDER BY id");
    try (Connection eider = eider()) {
      String sql = "SELECT id FROM items WHERE emb <-> '[0,0,0]' < 1.1 ORDER BY id";
      assertThat(Sql.rows(eider, sql)).isEqualTo(expected).isNotEmpty();
      assertThat(Sql.duckDbStatements(eider, sql)).singleElement().asString()
          .contains("WHERE ARRAY_DISTANCE(\"emb\", CAST(");
    }
  }

  @Test
  void vectorResultsAreReadWithGetArrayNotGetResultSet() throws SQLException {
    try (Connection eider = eider();
        ResultSet rows = eider.createStatement().executeQuery("SELECT emb FROM items WHERE id = 3")) {
      rows.next();
      Array vector = rows.getArray(1);
      assertThat((float[]) vector.getArray()).containsExactly(0.5f, 0.5f, 0.1f);
      assertThatThrownBy(vector::getResultSet)
          .isInstanceOf(java.sql.SQLFeatureNotSupportedException.class);
    }
  }

  private static List<List<Object>> rows(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      return Sql.rows(rows);
    }
  }

  /** Same shape, integers equal, floating-point numbers equal within float precision. */
  static void assertSameNumbers(List<List<Object>> actual, List<List<Object>> expected) {
    assertThat(actual).hasSameSizeAs(expected);
    for (int r = 0; r < expected.size(); r++) {
      List<Object> want = expected.get(r);
      List<Object> got = actual.get(r);
      assertThat(got).as("row %d", r).hasSameSizeAs(want);
      for (int c = 0; c < want.size(); c++) {
        if (want.get(c) == null) {
          assertThat(got.get(c)).as("row %d column %d", r, c).isNull();
        } else if (want.get(c) instanceof Float || want.get(c) instanceof Double) {
          assertThat(((Number) got.get(c)).doubleValue()).as("row %d column %d", r, c)
              .isCloseTo(((Number) want.get(c)).doubleValue(), within(1e-5));
        } else {
          assertThat(((Number) got.get(c)).longValue()).as("row %d column %d", r, c)
              .isEqualTo(((Number) want.get(c)).longValue());
        }
      }
    }
  }
}
