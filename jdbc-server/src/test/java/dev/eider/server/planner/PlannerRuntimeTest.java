package dev.eider.server.planner;

import static dev.eider.server.planner.SiftDocs.explain;
import static dev.eider.server.planner.SiftDocs.ids;
import static dev.eider.server.planner.SiftDocs.rows;
import static dev.eider.server.planner.SiftDocs.vector;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What an index scan does at run time and what tunes it: {@code sys.index_searches}, the
 * {@code search_l} connection property and hint values, and conjuncts DuckDB cannot evaluate (applied
 * after the search, with the scan streaming rows until the LIMIT has enough).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public class PlannerRuntimeTest {
  @TempDir static Path dir;
  private SiftDocs docs;

  /** A Java-only predicate (DuckDB cannot evaluate it): whether {@code id} is a multiple of {@code m}. */
  public static boolean multipleOf(long id, int m) {
    return id % m == 0;
  }

  @BeforeAll
  void createIndexedTable() throws Exception {
    docs = SiftDocs.create(dir);
    docs.eider().unwrap(CalciteConnection.class).getRootSchema()
        .add("multiple_of", ScalarFunctionImpl.create(PlannerRuntimeTest.class, "multipleOf"));
  }

  @AfterAll
  void close() throws SQLException {
    docs.close();
  }

  @Test
  void indexSearchesKeepsEachSearchsRunTimeFigures() throws SQLException {
    long before = lastSequence();
    String v = vector(docs.queries().getFirst());
    assertThat(ids(docs.eider(), "SELECT id FROM docs ORDER BY emb <-> " + v + " LIMIT 10")).hasSize(10);
    assertThat(ids(docs.eider(), "SELECT id FROM docs WHERE category = 'c3' ORDER BY emb <-> " + v
        + " LIMIT 7")).hasSize(7);
    List<List<Object>> searches = rows(docs.eider(), "SELECT index_name, planned_strategy, "
        + "run_strategy, graph_strategy, k, search_l, allowed_rows, nodes_visited, blocks_from_disk "
        + "+ cache_hits, distance_computations, rows_returned, millis FROM sys.index_searches "
        + "WHERE seq > " + before + " ORDER BY seq");
    assertThat(searches).hasSize(2);
    List<Object> graph = searches.get(0);
    assertThat(graph.subList(0, 7)).containsExactly("docs_emb", "GRAPH", "GRAPH", "GRAPH", 10,
        docs.index().defaultSearchL(), null);
    assertThat(((Number) graph.get(7)).longValue()).isPositive();
    assertThat(((Number) graph.get(8)).longValue()).isPositive();
    assertThat(((Number) graph.get(9)).longValue()).isGreaterThanOrEqualTo(((Number) graph.get(7)).longValue());
    assertThat(graph.get(10)).isEqualTo(10L);
    assertThat(((Number) graph.get(11)).doubleValue()).isPositive();
    List<Object> filtered = searches.get(1);
    assertThat(filtered.get(4)).isEqualTo(7);
    assertThat(filtered.get(10)).isEqualTo(7L);
    if (!filtered.get(1).equals("EXACT")) {
      assertThat(((Number) filtered.get(6)).longValue()).isEqualTo(
          ids(docs.duck(), "SELECT count(*) FROM docs WHERE category = 'c3'").getFirst());
    }
  }

  @Test
  void searchLComesFromTheHintThenTheConnectionThenTheIndex() throws SQLException {
    String sql = "SELECT id FROM docs ORDER BY emb <-> " + vector(docs.queries().getFirst()) + " LIMIT 10";
    String hinted = sql.replace("SELECT id", "SELECT /*+ LM_DISKANN(search_l=150) */ id");
    assertThat(explain(docs.eider(), sql)).contains("search_l=[" + docs.index().defaultSearchL() + "]");
    try (Connection url = DriverManager.getConnection("jdbc:eider:duckdb=" + docs.file() + ";search_l=77")) {
      assertThat(explain(url, sql)).contains("search_l=[77]");
      assertThat(explain(url, hinted)).contains("search_l=[150]");
      long before = lastSequence();
      assertThat(ids(url, sql)).hasSize(10);
      assertThat(rows(url, "SELECT search_l FROM sys.index_searches WHERE seq > " + before))
          .containsExactly(List.of(77));
    }
    Properties properties = new Properties();
    properties.setProperty("search_l", "66");
    try (Connection props = DriverManager.getConnection("jdbc:eider:duckdb=" + docs.file(), properties)) {
      assertThat(explain(props, sql)).contains("search_l=[66]");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"0", "-3", "abc", "1.5"})
  void aBadSearchLPropertyIsRejectedAtConnect(String value) {
    assertThatThrownBy(() -> DriverManager.getConnection(
        "jdbc:eider:duckdb=" + docs.file() + ";search_l=" + value).close())
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("connection property search_l: search_l must be a positive integer")
        .hasMessageContaining("'" + value + "'");
  }

  @ParameterizedTest
  @ValueSource(strings = {"search_l=300", "search_l='300'", "search_l = 300", "SEARCH_L=300"})
  void hintValuesMayBeQuotedOrBare(String option) throws SQLException {
    assertThat(explain(docs.eider(), "SELECT /*+ LM_DISKANN(" + option + ") */ id FROM docs ORDER BY emb <-> "
        + vector(docs.queries().getFirst()) + " LIMIT 10")).contains("search_l=[300]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"search_l=abc", "search_l='abc'", "search_l=0", "search_l=-5", "search_l=2.5"})
  void aBadHintValueIsAClearError(String option) {
    assertThatThrownBy(() -> explain(docs.eider(), "SELECT /*+ LM_DISKANN(" + option + ") */ id FROM docs "
        + "ORDER BY emb <-> " + vector(docs.queries().getFirst()) + " LIMIT 10"))
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining("hint LM_DISKANN: search_l must be a positive integer");
  }

  /** A strategy forced by the hint answers as DuckDB does, and the search log says which ran. */
  @ParameterizedTest
  @ValueSource(strings = {"exact", "filtered_graph", "post_filter"})
  void everyStrategyAgreesWithDuckDb(String strategy) throws SQLException {
    String filter = "category <> 'c3' AND year <> 2004";
    String hint = "/*+ LM_DISKANN(strategy=" + strategy + ") */";
    String upper = strategy.toUpperCase(java.util.Locale.ROOT);
    assertThat(explain(docs.eider(), "SELECT " + hint + " id FROM docs WHERE " + filter
        + " ORDER BY emb <-> " + vector(docs.queries().getFirst()) + " LIMIT 10"))
        .contains("strategy=[" + upper + "]");
    long before = lastSequence();
    int found = 0;
    for (float[] q : docs.queries()) {
      String v = vector(q);
      List<Long> expected = ids(docs.duck(), "SELECT id FROM docs WHERE " + filter
          + " ORDER BY array_distance(emb, " + v + "), id LIMIT 10");
      List<Long> actual = ids(docs.eider(), "SELECT " + hint + " id FROM docs WHERE " + filter
          + " ORDER BY emb <-> " + v + " LIMIT 10");
      assertThat(actual).hasSize(10).doesNotHaveDuplicates();
      assertThat(ids(docs.duck(), "SELECT id FROM docs WHERE id IN (" + SiftDocs.join(actual)
          + ") AND " + filter)).hasSize(10);
      found += (int) actual.stream().filter(new HashSet<>(expected)::contains).count();
    }
    assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.9 * 10 * docs.queries().size()));
    assertThat(rows(docs.eider(), "SELECT DISTINCT planned_strategy FROM sys.index_searches WHERE seq > "
        + before)).containsExactly(List.of(upper));
  }

  @ParameterizedTest
  @ValueSource(strings = {"strategy=fast", "strategy=graph", "beam=3"})
  void aBadStrategyHintIsAClearError(String option) {
    assertThatThrownBy(() -> explain(docs.eider(), "SELECT /*+ LM_DISKANN(" + option + ") */ id FROM docs "
        + "WHERE category = 'c1' ORDER BY emb <-> " + vector(docs.queries().getFirst()) + " LIMIT 10"))
        .isInstanceOf(SQLException.class)
        .hasStackTraceContaining(option.startsWith("beam") ? "hint LM_DISKANN has no option 'beam'"
            : option.endsWith("fast") ? "strategy must be one of" : "cannot answer this query");
  }

  @Test
  void hintRewritingLeavesStringsAndCommentsAlone() throws SQLException {
    assertThat(rows(docs.eider(), "SELECT '/*+ LM_DISKANN(search_l=3) */' AS s /* a=1 */"))
        .containsExactly(List.of("/*+ LM_DISKANN(search_l=3) */"));
  }

  /**
   * A conjunct DuckDB cannot evaluate (a Java function) is applied after the search; the scan keeps
   * searching until k rows pass it, so the answer has k rows (or every passing row) whatever the
   * conjunct's selectivity, and agrees with DuckDB's exact answer.
   */
  @ParameterizedTest
  @ValueSource(ints = {2, 50, 1000})
  void postFilterGivesKRowsThatAgreeWithTheExactAnswer(int modulus) throws SQLException {
    String first = vector(docs.queries().getFirst());
    assertThat(explain(docs.eider(), "SELECT id FROM docs WHERE multiple_of(id, " + modulus
        + ") ORDER BY emb <-> " + first + " LIMIT 10")).contains("LmDiskannScan", "post_filter=");
    int found = 0;
    int expectedTotal = 0;
    for (float[] q : docs.queries()) {
      String v = vector(q);
      List<Long> expected = ids(docs.duck(), "SELECT id FROM docs WHERE id % " + modulus
          + " = 0 ORDER BY array_distance(emb, " + v + "), id LIMIT 10");
      List<Long> actual = ids(docs.eider(), "SELECT id FROM docs WHERE multiple_of(id, " + modulus
          + ") ORDER BY emb <-> " + v + " LIMIT 10");
      assertThat(actual).hasSize(expected.size()).doesNotHaveDuplicates()
          .allMatch(id -> id % modulus == 0);
      found += (int) actual.stream().filter(new HashSet<>(expected)::contains).count();
      expectedTotal += expected.size();
    }
    assertThat(expectedTotal).isEqualTo(10 * docs.queries().size() / (modulus == 1000 ? 2 : 1));
    assertThat(found).isGreaterThanOrEqualTo((int) Math.ceil(0.95 * expectedTotal));
  }

  @Test
  void postFilterWithSiblingFilterAndOffset() throws SQLException {
    String v = vector(docs.queries().get(1));
    List<Long> expected = ids(docs.duck(), "SELECT id FROM docs WHERE category = 'c3' AND id % 3 = 0 "
        + "ORDER BY array_distance(emb, " + v + "), id LIMIT 5 OFFSET 2");
    List<Long> actual = ids(docs.eider(), "SELECT id FROM docs WHERE category = 'c3' AND "
        + "multiple_of(id, 3) ORDER BY emb <-> " + v + " LIMIT 5 OFFSET 2");
    assertThat(actual).hasSize(5).allMatch(id -> id % 10 == 3 && id % 3 == 0);
    assertThat(actual.stream().filter(expected::contains).count()).isGreaterThanOrEqualTo(4);
  }

  private long lastSequence() throws SQLException {
    List<List<Object>> rows = rows(docs.eider(), "SELECT max(seq) FROM sys.index_searches");
    Object max = rows.getFirst().getFirst();
    return max == null ? 0 : ((Number) max).longValue();
  }
}
