package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Bad vectors and limits give an SQL error naming the problem (or NULL for NULL input, as in
 * pgvector); afterwards the connection still works and the data is unchanged.
 */
class BadInputTest {
  private static final String SNAPSHOT = "SELECT id, title, emb::VARCHAR FROM items ORDER BY id";

  @TempDir Path dir;
  Path file;
  Connection eider;
  List<List<Object>> before;

  @BeforeEach
  void open() throws SQLException {
    file = dir.resolve("bad.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE items (id INTEGER PRIMARY KEY, title VARCHAR, emb FLOAT[3])");
      Sql.update(duck, "INSERT INTO items VALUES (1, 'a', [1, 0, 0]), (2, 'b', [0, 1, 0])");
    }
    eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
    before = duckDbSnapshot();
  }

  private List<List<Object>> duckDbSnapshot() throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      return Sql.rows(duck, SNAPSHOT);
    }
  }

  @AfterEach
  void connectionStillWorksAndNothingChanged() throws SQLException {
    assertThat(duckDbSnapshot()).isEqualTo(before);
    assertThat(Sql.rows(eider, "SELECT id FROM items ORDER BY emb <-> '[1,0,0]' LIMIT 1"))
        .containsExactly(List.of(1));
    eider.close();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "emb <-> ARRAY[1, 2]                 | vector dimensions differ: 3 and 2",
      "emb <=> '[1, 2, 3, 4]'              | vector dimensions differ: 3 and 4",
      "emb <#> CAST('[1,2]' AS FLOAT[3])   | vector dimensions differ: FLOAT[3] and 2",
      "emb <-> '[1, NaN, 3]'               | element 2 of the vector is NaN",
      "emb <-> '[1, Infinity, 3]'          | element 2 of the vector is infinite",
      "emb <-> '[]'                        | is empty",
      "emb <-> '[1, x, 3]'                 | element 2 of the vector '[1, x, 3]' is not a number: 'x'",
      "emb <-> 'hello'                     | 'hello' is not a vector",
      "emb <-> 5                           | must be a vector",
      "emb <-> title                       | Conversion Error",
      "title <-> title                     | cannot tell the dimension of the vector text",
      "vector_norm(ARRAY[1, 'a'])          | Parameters must be of the same type",
  })
  void badVectorLiteralsAreRejected(String expression, String message) {
    assertThatThrownBy(() -> Sql.rows(eider, "SELECT id, " + expression + " FROM items"))
        .isInstanceOf(SQLException.class)
        .hasMessageContaining(message);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
      "[1, 2]         | bind parameter 1 (FLOAT[3]): vector dimensions differ: expected 3, got 2",
      "[1, NaN, 2]    | element 2 of the vector is NaN",
      "[]             | is empty",
      "[1, two, 3]    | is not a number: 'two'",
      "1, 2, 3        | is not a vector",
  })
  void badVectorParametersAreRejected(String text, String message) throws SQLException {
    try (PreparedStatement query =
        eider.prepareStatement("SELECT id FROM items ORDER BY emb <-> ? LIMIT 1")) {
      query.setString(1, text);
      assertThatThrownBy(query::executeQuery).isInstanceOf(SQLException.class)
          .hasMessageContaining(message);
    }
  }

  @Test
  void nonFiniteFloatArraysAreRejected() throws SQLException {
    try (PreparedStatement query =
        eider.prepareStatement("SELECT id FROM items ORDER BY emb <-> ? LIMIT 1")) {
      query.setObject(1, new float[] {1, Float.POSITIVE_INFINITY, 0});
      assertThatThrownBy(query::executeQuery).isInstanceOf(SQLException.class)
          .hasMessageContaining("element 2 of the vector is infinite");
      query.setObject(1, new float[0]);
      assertThatThrownBy(query::executeQuery).isInstanceOf(SQLException.class)
          .hasMessageContaining("the vector is empty");
    }
  }

  @Test
  void nullVectorsGiveNullDistances() throws SQLException {
    assertThat(Sql.rows(eider, "SELECT emb <-> NULL, NULL <=> emb FROM items WHERE id = 1"))
        .containsExactly(Arrays.asList(null, null));
    try (PreparedStatement query =
        eider.prepareStatement("SELECT emb <#> ? FROM items WHERE id = 1")) {
      query.setNull(1, java.sql.Types.ARRAY);
      try (ResultSet rows = query.executeQuery()) {
        assertThat(Sql.rows(rows)).containsExactly(Arrays.asList((Object) null));
      }
    }
  }

  @Test
  void limitZeroReturnsNoRowsAndNegativeLimitsAreRejected() throws SQLException {
    assertThat(Sql.rows(eider, "SELECT id FROM items ORDER BY emb <-> '[1,0,0]' LIMIT 0"))
        .isEmpty();
    assertThatThrownBy(() -> Sql.rows(eider,
        "SELECT id FROM items ORDER BY emb <-> '[1,0,0]' LIMIT -1"))
        .isInstanceOf(SQLException.class).hasMessageContaining("Encountered \"-\" at line 1");
  }

  @Test
  void aFailedInsertChangesNothing() {
    assertThatThrownBy(() -> Sql.update(eider,
        "INSERT INTO items SELECT id + 10, title, emb FROM items WHERE emb <-> '[1,2]' < 5"))
        .isInstanceOf(SQLException.class).hasMessageContaining("vector dimensions differ");
    assertThatThrownBy(() -> Sql.update(eider,
        "INSERT INTO items VALUES (1, 'duplicate key', ARRAY[1, 1, 1])"))
        .isInstanceOf(SQLException.class).hasMessageContaining("uplicate key");
  }
}
