package dev.eider.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.eider.adapter.embed.DuckDbEmbedFunction;
import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.duckdb.DuckDBConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DuckDbEmbedFunctionTest {

  private final TextEmbedders embedders = TextEmbedders.fromClassPath(getClass().getClassLoader());
  private final TextEmbedder embedder = embedders.get(TextEmbedders.DEFAULT_MODEL);

  @TempDir Path dir;

  @Test
  void updateEmbedsEveryRowLikeTheEmbedderDoesAndKeepsNulls() throws Exception {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:" + dir.resolve("t.duckdb"));
        Statement statement = duckdb.createStatement()) {
      DuckDbEmbedFunction.register(duckdb, embedders);
      statement.execute(
          "CREATE TEMP MACRO embed(t) AS "
              + DuckDbEmbedFunction.sql("'" + TextEmbedders.DEFAULT_MODEL + "'", "t", 384));
      statement.execute(
          "CREATE TABLE t AS SELECT i AS id, CASE WHEN i % 100 = 7 THEN NULL"
              + " ELSE 'entry ' || i END AS txt, NULL::FLOAT[384] AS emb FROM range(2100) r(i)");

      // 2,100 rows: one full DuckDB chunk of 2,048 and a partial one.
      assertThat(statement.executeUpdate("UPDATE t SET emb = embed(txt)")).isEqualTo(2100);

      try (ResultSet counts =
          statement.executeQuery(
              "SELECT count(emb), count(*) FILTER (WHERE txt IS NULL AND emb IS NULL) FROM t")) {
        counts.next();
        assertThat(counts.getLong(1)).isEqualTo(2079);
        assertThat(counts.getLong(2)).isEqualTo(21);
      }
      for (long id : new long[] {0, 1_234, 2_099}) {
        try (ResultSet row = statement.executeQuery("SELECT txt, emb FROM t WHERE id = " + id)) {
          row.next();
          assertThat(floats(row.getArray(2)))
              .containsExactly(embedder.embed(row.getString(1)), within(1e-6f));
        }
      }
    }
  }

  @Test
  void everyConnectionOfTheDatabaseSeesTheFunctionWithEitherModel() throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Connection other = duckdb.unwrap(DuckDBConnection.class).duplicate();
        Statement statement = other.createStatement()) {
      DuckDbEmbedFunction.register(duckdb, embedders);
      String miniLm = DuckDbEmbedFunction.sql("'all-minilm-l6-v2-q'", "'fast sorting'", 384);
      String bge = DuckDbEmbedFunction.sql("'bge-small-en-v15-q'", "'fast sorting'", 384);

      try (ResultSet rows = statement.executeQuery("SELECT " + miniLm + ", " + bge)) {
        rows.next();
        assertThat(floats(rows.getArray(1))).containsExactly(embedder.embed("fast sorting"), within(1e-6f));
        assertThat(floats(rows.getArray(2)))
            .containsExactly(embedders.get("bge-small-en-v15-q").embed("fast sorting"), within(1e-6f));
      }
    }
  }

  @Test
  void unknownModelFailsTheStatementWithTheModelsName() throws SQLException {
    try (Connection duckdb = DriverManager.getConnection("jdbc:duckdb:");
        Statement statement = duckdb.createStatement()) {
      DuckDbEmbedFunction.register(duckdb, embedders);

      assertThatThrownBy(
              () -> statement.executeQuery("SELECT " + DuckDbEmbedFunction.sql("'gpt-17'", "'x'", 384)))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("unknown embedding model 'gpt-17'");
    }
  }

  private static float[] floats(Array array) throws SQLException {
    Object[] elements = (Object[]) array.getArray();
    float[] vector = new float[elements.length];
    for (int i = 0; i < vector.length; i++) {
      vector[i] = ((Number) elements[i]).floatValue();
    }
    return vector;
  }
}
