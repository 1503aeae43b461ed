package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.server.jdbc.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code executeBatch} from the real thin client on an indexed table runs as one transaction on the
 * server: the update counts arrive per element, and a failing element fails the batch, names the
 * element, and leaves nothing of the batch in DuckDB's table or in the index's answers.
 */
class ThinClientBatchTest {
  private static final String INSERT = "INSERT INTO docs VALUES (?, 'batch', ?, 2024, CAST(? AS FLOAT["
      + DocsTable.DIMS + "]))";

  @TempDir
  static Path dir;

  private static Path database;
  private static ServedDatabase served;

  @BeforeAll
  static void startServer() throws Exception {
    database = dir.resolve("docs.duckdb");
    served = ServedDatabase.startIndexedDocs(database, 200);
  }

  @AfterAll
  static void stopServer() throws Exception {
    served.close();
  }

  @Test
  void aBatchCommitsAsOneAndReportsEachElementsCount() throws SQLException {
    float[][] vectors = vectors(25, 1);
    try (Connection thin = served.connect()) {
      try (PreparedStatement insert = thin.prepareStatement(INSERT)) {
        for (int i = 0; i < vectors.length; i++) {
          add(insert, 1000 + i, "kept", vectors[i]);
        }
        int[] ones = new int[vectors.length];
        Arrays.fill(ones, 1);
        assertThat(insert.executeBatch()).containsExactly(ones);
      }
      assertThat(topHit(thin, vectors[11])).isEqualTo(1011);
      try (PreparedStatement delete = thin.prepareStatement("DELETE FROM docs WHERE id >= ? AND id < ?")) {
        delete.setLong(1, 1000);
        delete.setLong(2, 1010);
        delete.addBatch();
        delete.setLong(1, 1000);
        delete.setLong(2, 1020);
        delete.addBatch();
        assertThat(delete.executeBatch()).containsExactly(10, 10);
      }
    }
    assertThat(duckDbRows("SELECT count(*), min(id) FROM docs WHERE category = 'kept'"))
        .containsExactly(List.of(5L, 1020L));
  }

  @Test
  void aFailingElementFailsTheWholeBatch() throws SQLException {
    float[][] vectors = vectors(10, 2);
    try (Connection thin = served.connect()) {
      try (PreparedStatement insert = thin.prepareStatement(INSERT)) {
        for (int i = 0; i < vectors.length; i++) {
          add(insert, i == 6 ? 3 : 2000 + i, "doomed", vectors[i]);
        }
        assertThatThrownBy(insert::executeBatch).isInstanceOf(SQLException.class)
            .hasMessageContaining("Batch element 7 of 10 failed")
            .hasMessageContaining("Duplicate key \"id: 3\"")
            .hasMessageContaining("none of its elements were applied");
      }
      assertThat(topHit(thin, vectors[0])).isNotEqualTo(2000);
    }
    assertThat(duckDbRows("SELECT count(*) FROM docs WHERE category = 'doomed'"))
        .containsExactly(List.of(0L));
  }

  private static void add(PreparedStatement insert, long id, String category, float[] vector)
      throws SQLException {
    insert.setLong(1, id);
    insert.setString(2, category);
    insert.setString(3, DocsTable.literal(vector));
    insert.addBatch();
  }

  private static float[][] vectors(int count, long seed) {
    Random random = new Random(seed);
    float[][] vectors = new float[count][DocsTable.DIMS];
    for (float[] vector : vectors) {
      for (int d = 0; d < vector.length; d++) {
        vector[d] = random.nextFloat() * 4 - 2;
      }
    }
    return vectors;
  }

  private static long topHit(Connection connection, float[] query) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(
        "SELECT id FROM docs ORDER BY embedding <-> CAST('" + DocsTable.literal(query) + "' AS FLOAT["
            + DocsTable.DIMS + "]) LIMIT 1")) {
      assertThat(rs.next()).isTrue();
      return rs.getLong(1);
    }
  }

  private static List<List<Object>> duckDbRows(String sql) throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      return Sql.rows(duck, sql);
    }
  }
}
