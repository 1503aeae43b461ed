package dev.eider.server.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code embed()} through the embedded driver, checked against the model and DuckDB directly. */
class EmbedSqlTest {

  private static final List<String> TEXTS =
      List.of(
          "Quicksort: a sorting algorithm with O(n log n) average time complexity.",
          "virus: a program that copies itself into other programs.",
          "cache hit: a request to read from memory which the cache can satisfy.",
          "ciphertext: text which has been encrypted by some encryption system.",
          "bubble sort: adjacent values are compared and swapped until the list is ordered.",
          "router: a device which forwards packets between networks.");

  private final TextEmbedders embedders = TextEmbedders.fromClassPath(getClass().getClassLoader());
  private final TextEmbedder miniLm = embedders.get(TextEmbedders.DEFAULT_MODEL);

  @TempDir Path dir;
  private Path file;

  @BeforeEach
  void createTable() throws SQLException {
    file = dir.resolve("docs.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement statement = duck.createStatement()) {
        statement.execute("CREATE TABLE docs (id INTEGER PRIMARY KEY, txt VARCHAR, emb FLOAT[384])");
      }
      try (PreparedStatement insert = duck.prepareStatement("INSERT INTO docs VALUES (?, ?, NULL)")) {
        for (int i = 0; i < TEXTS.size(); i++) {
          insert.setInt(1, i);
          insert.setString(2, TEXTS.get(i));
          insert.executeUpdate();
        }
      }
    }
  }

  @Test
  void embedOfAConstantIsTheModelsVectorAndComparesLikeTheModelCard() throws SQLException {
    try (Connection eider = eider();
        Statement statement = eider.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT embed('The weather is lovely today.'),"
                    + " embed('The weather is lovely today.') <=> embed('It''s so sunny outside!'),"
                    + " embed('The weather is lovely today.') <=> embed('He drove to the stadium.')")) {
      rows.next();
      assertThat(floats(rows.getArray(1)))
          .containsExactly(miniLm.embed("The weather is lovely today."), within(1e-6f));
      assertThat(rows.getDouble(2)).isCloseTo(1 - 0.6660, within(0.03));
      assertThat(rows.getDouble(3)).isCloseTo(1 - 0.1046, within(0.03));
    }
  }

  @Test
  void updateEmbedsEveryRowAsTheModelDoes() throws SQLException {
    try (Connection eider = eider(); Statement statement = eider.createStatement()) {
      assertThat(statement.executeUpdate("UPDATE docs SET emb = embed(txt)")).isEqualTo(TEXTS.size());
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement statement = duck.createStatement();
        ResultSet rows = statement.executeQuery("SELECT txt, emb FROM docs ORDER BY id")) {
      int count = 0;
      while (rows.next()) {
        assertThat(floats(rows.getArray(2)))
            .containsExactly(miniLm.embed(rows.getString(1)), within(1e-6f));
        count++;
      }
      assertThat(count).isEqualTo(TEXTS.size());
    }
  }

  @Test
  void insertSelectWithTheOtherModel() throws SQLException {
    try (Connection eider = eider(); Statement statement = eider.createStatement()) {
      statement.execute("CREATE TABLE bge (id INTEGER, emb FLOAT[384])");
      assertThat(
              statement.executeUpdate(
                  "INSERT INTO bge SELECT id, embed(txt, 'bge-small-en-v15-q') FROM docs WHERE id < 2"))
          .isEqualTo(2);
      try (ResultSet rows = statement.executeQuery("SELECT emb FROM bge ORDER BY id")) {
        for (int id = 0; id < 2; id++) {
          rows.next();
          assertThat(floats(rows.getArray(1)))
              .containsExactly(embedders.get("bge-small-en-v15-q").embed(TEXTS.get(id)), within(1e-6f));
        }
      }
    }
  }

  @Test
  void topKByTextMatchesDuckDbsExactRanking() throws SQLException {
    try (Connection eider = eider(); Statement statement = eider.createStatement()) {
      statement.executeUpdate("UPDATE docs SET emb = embed(txt)");
    }
    List<Integer> expected = exactNearest("fast sorting", 3);

    try (Connection eider = eider();
        Statement statement = eider.createStatement();
        ResultSet rows =
            statement.executeQuery(
                "SELECT id, emb <=> embed('fast sorting') AS dist FROM docs ORDER BY dist LIMIT 3")) {
      List<Integer> ids = new ArrayList<>();
      while (rows.next()) {
        ids.add(rows.getInt(1));
      }
      assertThat(ids).containsExactlyElementsOf(expected);
      assertThat(ids).startsWith(0, 4); // Quicksort, then bubble sort
    }
  }

  @Test
  void unknownModelAndWrongArgumentsAreClearErrors() throws SQLException {
    try (Connection eider = eider()) {
      assertThatThrownBy(() -> query(eider, "SELECT embed(txt, 'gpt-17') FROM docs"))
          .isInstanceOf(SQLException.class)
          .hasStackTraceContaining("unknown embedding model 'gpt-17'")
          .hasStackTraceContaining("bge-small-en-v15-q");
      assertThatThrownBy(() -> query(eider, "SELECT embed(emb) FROM docs"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("EMBED");
      assertThatThrownBy(() -> query(eider, "SELECT embed('a', 'b', 'c')"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("EMBED");
      assertThatThrownBy(() -> query(eider, "SELECT embed()"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("EMBED");
    }
  }

  @Test
  void nullTextGivesNull() throws SQLException {
    try (Connection eider = eider();
        Statement statement = eider.createStatement();
        ResultSet rows = statement.executeQuery("SELECT embed(CAST(NULL AS VARCHAR))")) {
      rows.next();
      assertThat(rows.getObject(1)).isNull();
    }
  }

  private static void query(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
    }
  }

  private List<Integer> exactNearest(String probe, int k) throws SQLException {
    Properties readOnly = new Properties();
    readOnly.setProperty("duckdb.read_only", "true");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file, readOnly);
        PreparedStatement query =
            duck.prepareStatement(
                "SELECT id FROM docs ORDER BY array_cosine_distance(emb, CAST(? AS FLOAT[384])) LIMIT ?")) {
      query.setString(1, Arrays.toString(miniLm.embed(probe)));
      query.setInt(2, k);
      List<Integer> ids = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
      return ids;
    }
  }

  private Connection eider() throws SQLException {
    return DriverManager.getConnection("jdbc:eider:duckdb=" + file);
  }

  /** The vector of an array column, whether DuckDB (Float[]) or Calcite (float[]) produced it. */
  private static float[] floats(Array array) throws SQLException {
    if (array.getArray() instanceof float[] vector) {
      return vector;
    }
    Object[] elements = (Object[]) array.getArray();
    float[] vector = new float[elements.length];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) elements[i]).floatValue();
    }
    return vector;
  }
}
