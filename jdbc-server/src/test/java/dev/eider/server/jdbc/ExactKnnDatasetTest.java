package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Exact top-10 on real vector sets (SIFT for L2, GloVe for cosine): Eider's answers for all three
 * operators equal DuckDB's own answers computed directly through duckdb_jdbc, and run in DuckDB as
 * one statement. This exact plan is the oracle for later recall figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ExactKnnDatasetTest {
  private static final int QUERIES = 25;
  private static final int K = 10;

  Path file;
  List<float[]> siftQueries;
  List<float[]> gloveQueries;

  @BeforeAll
  void load(@TempDir Path dir) throws IOException, SQLException {
    file = dir.resolve("datasets.duckdb");
    Datasets.load(file, "sift", Datasets.fvecs("sift5k/base.fvecs"));
    Datasets.load(file, "glove", Datasets.fvecs("glove25/base.fvecs"));
    siftQueries = Datasets.fvecs("sift5k/query.fvecs").subList(0, QUERIES);
    gloveQueries = Datasets.fvecs("glove25/query.fvecs").subList(0, QUERIES);
  }

  @Test
  void siftL2() throws SQLException {
    compare("sift", 128, "<->", "array_distance", siftQueries);
  }

  @Test
  void gloveCosine() throws SQLException {
    compare("glove", 25, "<=>", "array_cosine_distance", gloveQueries);
  }

  @Test
  void siftNegativeInnerProduct() throws SQLException {
    compare("sift", 128, "<#>", "array_negative_inner_product", siftQueries);
  }

  @Test
  void gloveNegativeInnerProduct() throws SQLException {
    compare("glove", 25, "<#>", "array_negative_inner_product", gloveQueries);
  }

  @Test
  void duckDbsL2TopTenMatchesTheBruteForceGroundTruth() throws IOException, SQLException {
    List<int[]> truth = Datasets.ivecs("sift5k/groundtruth.ivecs");
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
        PreparedStatement query = eider.prepareStatement(
            "SELECT id FROM sift ORDER BY emb <-> ? LIMIT " + K)) {
      for (int q = 0; q < QUERIES; q++) {
        query.setObject(1, siftQueries.get(q));
        List<Integer> ids = new ArrayList<>();
        for (List<Object> row : rows(query)) {
          ids.add((Integer) row.getFirst());
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < K; i++) {
          expected.add(truth.get(q)[i]);
        }
        assertThat(ids).as("query %d", q).containsExactlyInAnyOrderElementsOf(expected);
      }
    }
  }

  private void compare(String table, int dimension, String operator, String duckDbFunction,
      List<float[]> queries) throws SQLException {
    String eiderSql = "SELECT id, emb " + operator + " ? AS d FROM " + table
        + " ORDER BY d, id LIMIT " + K;
    String duckDbSql = "SELECT id, " + duckDbFunction + "(emb, CAST(? AS FLOAT[" + dimension
        + "])) AS d FROM " + table + " ORDER BY d, id LIMIT " + K;
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
        Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file);
        PreparedStatement eiderQuery = eider.prepareStatement(eiderSql);
        PreparedStatement duckQuery = duck.prepareStatement(duckDbSql)) {
      for (float[] vector : queries) {
        eiderQuery.setObject(1, vector);
        duckQuery.setString(1, Datasets.text(vector));
        List<List<Object>> expected = rows(duckQuery);
        assertThat(expected).hasSize(K);
        VectorSqlTest.assertSameNumbers(rows(eiderQuery), expected);
      }
      assertThat(Sql.duckDbStatements(eider, eiderSql.replace("?", "'" + Datasets.text(
          queries.getFirst()) + "'"))).singleElement().asString()
          .contains(duckDbFunction.toUpperCase(Locale.ROOT), "FETCH NEXT 10 ROWS ONLY");
    }
  }

  private static List<List<Object>> rows(PreparedStatement query) throws SQLException {
    try (ResultSet rows = query.executeQuery()) {
      return Sql.rows(rows);
    }
  }
}
