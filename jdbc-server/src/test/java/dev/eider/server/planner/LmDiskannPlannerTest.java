package dev.eider.server.planner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static dev.eider.server.planner.SiftDocs.ids;
import static dev.eider.server.planner.SiftDocs.join;
import static dev.eider.server.planner.SiftDocs.rows;
import static dev.eider.server.planner.SiftDocs.vector;

import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.TestIndexes;
import dev.eider.adapter.index.VectorIndex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * k-NN and radius SQL over an indexed DuckDB table: which shapes become an LmDiskannScan, and that
 * its answers agree with DuckDB's own exact answers (queried directly through duckdb_jdbc).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LmDiskannPlannerTest {
  @TempDir static Path dir;
  private SiftDocs docs;
  private Connection eider;
  private Connection duck;
  private VectorIndex index;
  private List<float[]> queries;

  @BeforeAll
  void createIndexedTable() throws Exception {
    docs = SiftDocs.create(dir);
    eider = docs.eider();
    duck = docs.duck();
    index = docs.index();
    queries = docs.queries();
  }

  @AfterAll
  void close() throws SQLException {
    docs.close();
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id FROM docs ORDER BY emb <-> %s LIMIT 10",
      "SELECT id, emb <-> %s AS dist FROM docs ORDER BY dist LIMIT 10",
      "SELECT id, category FROM docs WHERE category = 'c3' ORDER BY emb <-> %s LIMIT 5 OFFSET 2",
      "SELECT id FROM docs WHERE emb <-> %s < 300",
      "SELECT id, emb <-> %s AS d FROM docs WHERE emb <-> %s <= 300 AND year > 2010",
      "SELECT id FROM docs WHERE emb <-> %s < 350 ORDER BY emb <-> %s LIMIT 3",
      "SELECT id FROM docs ORDER BY %s <-> emb LIMIT 10",
      "SELECT id FROM docs ORDER BY emb <-> (SELECT d.emb FROM docs d WHERE d.id = 42) LIMIT 5",
      "SELECT /*+ LM_DISKANN(search_l='300') */ id FROM docs ORDER BY emb <-> %s LIMIT 10",
      "SELECT /*+ LM_DISKANN(search_l=300) */ id FROM docs ORDER BY emb <-> %s LIMIT 10"})
  void explainShowsTheIndexForMatchingShapes(String shape) throws SQLException {
    assertThat(explain(fill(shape, queries.getFirst())))
        .contains("LmDiskannScan(index=[docs_emb], metric=[l2]")
        .doesNotContain("JdbcSort");
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "SELECT id FROM docs ORDER BY emb <-> %s DESC LIMIT 10",
      "SELECT id FROM docs ORDER BY emb <=> %s LIMIT 10",
      "SELECT id FROM docs ORDER BY emb <#> %s LIMIT 10",
      "SELECT id FROM docs ORDER BY emb <-> %s",
      "SELECT id FROM docs ORDER BY emb <-> emb LIMIT 10",
      "SELECT id FROM docs d ORDER BY emb <-> (SELECT e.emb FROM docs e WHERE e.id = d.id + 1) LIMIT 3",
      "SELECT /*+ NO_LM_DISKANN */ id FROM docs ORDER BY emb <-> %s LIMIT 10",
      "SELECT id FROM docs WHERE emb <-> %s > 300"})
  void explainKeepsTheExactPlanOtherwise(String shape) throws SQLException {
    assertThat(explain(fill(shape, queries.getFirst()))).doesNotContain("LmDiskannScan");
  }

  @Test
  void explainShowsFilterSelectivityStrategyAndHint() throws SQLException {
    String plan = explain("SELECT /*+ LM_DISKANN(search_l='150') */ id FROM docs WHERE category = 'c3' "
        + "AND year >= 2020 ORDER BY emb <-> " + vector(queries.getFirst()) + " LIMIT 10");
    assertThat(plan).contains("k=[10]", "search_l=[150]", "filter=[SELECT * FROM \"main\".\"docs\" WHERE",
        "\"category\" = 'c3'", "selectivity=[0.02", "strategy=[", "cost=[");
  }

  /** Each filter kind: Eider's top 10 against DuckDB's exact top 10 over the same rows. */
  @ParameterizedTest
  @ValueSource(strings = {
      "",
      "category = 'c3'",
      "category <> 'c3'",
      "category IN ('c1', 'c2')",
      "year BETWEEN 2005 AND 2009",
      "year > 2020 OR category = 'c0'",
      "NOT (year < 2012)",
      "note LIKE 'note 1%'",
      "note IS NULL",
      "note IS NOT NULL AND year <> 2003",
      "rare",
      "id IN (SELECT doc_id FROM tags WHERE tag = 'hot')",
      "EXISTS (SELECT 1 FROM tags t WHERE t.doc_id = 7)"})
  void filteredTopKAgreesWithDuckDb(String filter) throws SQLException {
    String where = filter.isEmpty() ? "" : " WHERE " + filter;
    int found = 0;
    int expectedTotal = 0;
    for (float[] q : queries) {
      String v = vector(q);
      List<Long> expected = ids(duck, "SELECT id FROM docs" + where
          + " ORDER BY array_distance(emb, " + v + "), id LIMIT 10");
      List<Long> actual = ids(eider, "SELECT id FROM docs" + where + " ORDER BY emb <-> " + v
          + " LIMIT 10");
      assertThat(actual).hasSize(expected.size()).doesNotHaveDuplicates();
      assertThat(ids(duck, "SELECT id FROM docs WHERE id IN (" + join(actual) + ")"
          + (filter.isEmpty() ? "" : " AND (" + filter + ")"))).hasSize(actual.size());
      found += (int) actual.stream().filter(new HashSet<>(expected)::contains).count();
      expectedTotal += expected.size();
    }
    assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * expectedTotal));
  }

  @Test
  void distancesAreTheExactDistances() throws SQLException {
    String v = vector(queries.get(1));
    List<List<Object>> rows = rows(eider, "SELECT id, emb <-> " + v + " AS dist FROM docs "
        + "WHERE year < 2010 ORDER BY dist LIMIT 5");
    assertThat(rows).hasSize(5);
    double previous = 0;
    for (List<Object> row : rows) {
      double exact = ((Number) rows(duck, "SELECT array_distance(emb, " + v + ") FROM docs WHERE id = "
          + row.get(0)).getFirst().getFirst()).doubleValue();
      assertThat(((Number) row.get(1)).doubleValue()).isCloseTo(exact, within(1e-2));
      assertThat(((Number) row.get(1)).doubleValue()).isGreaterThanOrEqualTo(previous);
      previous = ((Number) row.get(1)).doubleValue();
    }
  }

  @Test
  void verySelectiveFiltersStillReturnEveryMatchingRowUpToK() throws SQLException {
    String v = vector(queries.get(2));
    assertThat(ids(eider, "SELECT id FROM docs WHERE rare ORDER BY emb <-> " + v + " LIMIT 5"))
        .isEqualTo(ids(duck, "SELECT id FROM docs WHERE rare ORDER BY array_distance(emb, " + v
            + ") LIMIT 5"));
    assertThat(ids(eider, "SELECT id FROM docs WHERE rare AND year = 2000 ORDER BY emb <-> " + v
        + " LIMIT 50")).containsExactlyInAnyOrderElementsOf(
            ids(duck, "SELECT id FROM docs WHERE rare AND year = 2000"));
  }

  @Test
  void aFilterThatMatchesNothingReturnsNothing() throws SQLException {
    assertThat(ids(eider, "SELECT id FROM docs WHERE category = 'none' ORDER BY emb <-> "
        + vector(queries.getFirst()) + " LIMIT 10")).isEmpty();
  }

  @Test
  void radiusAgreesWithDuckDb() throws SQLException {
    String v = vector(queries.get(3));
    List<Long> expected = ids(duck, "SELECT id FROM docs WHERE array_distance(emb, " + v
        + ") < 320 AND year > 2010");
    List<Long> actual = ids(eider, "SELECT id FROM docs WHERE emb <-> " + v + " < 320 AND year > 2010");
    assertThat(expected).isNotEmpty();
    assertThat(expected).containsAll(actual);
    assertThat(actual.size()).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * expected.size()));
  }

  @Test
  void bindParametersForVectorFilterAndLimit() throws SQLException {
    float[] q = queries.get(4);
    try (PreparedStatement statement = eider.prepareStatement(
        "SELECT id, emb <-> ? AS dist FROM docs WHERE category = ? ORDER BY dist LIMIT ?")) {
      for (String category : List.of("c1", "c7")) {
        statement.setObject(1, q);
        statement.setString(2, category);
        statement.setInt(3, 7);
        List<Long> actual = new ArrayList<>();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            actual.add(rs.getLong(1));
          }
        }
        List<Long> expected = ids(duck, "SELECT id FROM docs WHERE category = '" + category
            + "' ORDER BY array_distance(emb, " + vector(q) + ") LIMIT 7");
        assertThat(actual).hasSize(7);
        assertThat(actual.stream().filter(expected::contains).count()).isGreaterThanOrEqualTo(6);
      }
    }
  }

  @Test
  void hintsChangeTheBeamOrForbidTheIndex() throws SQLException {
    String v = vector(queries.getFirst());
    String exactIds = "SELECT /*+ NO_LM_DISKANN */ id FROM docs ORDER BY emb <-> " + v + " LIMIT 10";
    assertThat(ids(eider, exactIds)).isEqualTo(ids(duck,
        "SELECT id FROM docs ORDER BY array_distance(emb, " + v + "), id LIMIT 10"));
    assertThat(explain("SELECT /*+ LM_DISKANN(search_l='40') */ id FROM docs ORDER BY emb <-> " + v
        + " LIMIT 10")).contains("search_l=[40]");
  }

  @Test
  void aBrokenIndexFallsBackToTheExactPlan() throws SQLException {
    String sql = "SELECT id FROM docs ORDER BY emb <-> " + vector(queries.getFirst()) + " LIMIT 10";
    TestIndexes.setState(index, IndexState.BROKEN);
    try {
      assertThat(explain(sql)).doesNotContain("LmDiskannScan");
      assertThat(ids(eider, sql)).isEqualTo(ids(duck, "SELECT id FROM docs ORDER BY array_distance(emb, "
          + vector(queries.getFirst()) + "), id LIMIT 10"));
    } finally {
      TestIndexes.setState(index, IndexState.READY);
    }
  }

  private String explain(String sql) throws SQLException {
    return SiftDocs.explain(eider, sql);
  }

  private static String fill(String shape, float[] q) {
    return shape.replace("%s", vector(q));
  }
}
