package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a JDBC program or BI tool does through the real thin client, against one server for the class. */
class ThinClientTest {

  private static final int ROWS = 300;

  @TempDir
  static Path dir;

  private static DocsTable docs;
  private static EiderServer server;
  private static ThinClient client;

  @BeforeAll
  static void startServer() throws Exception {
    Path database = dir.resolve("docs.duckdb");
    docs = DocsTable.create(database, ROWS);
    server = TestServers.on(database).start();
    client = new ThinClient();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    client.close();
  }

  private static Connection connect() throws SQLException {
    return client.connect(server.clientUrl());
  }

  @Test
  void theConnectionIsTheShadedThinClientsAndQueriesReturnTheTablesRows() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery(
            "SELECT id, title, category, pub_year FROM docs WHERE pub_year >= 2020 ORDER BY id")) {
      assertThat(client.owns(connection)).isTrue();
      List<Long> ids = new ArrayList<>();
      while (rows.next()) {
        long id = rows.getLong("id");
        ids.add(id);
        assertThat(rows.getString("title")).isEqualTo("doc " + id);
        assertThat(rows.getString("category")).isEqualTo(DocsTable.category(id));
        assertThat(rows.getInt("pub_year")).isEqualTo(DocsTable.year(id));
      }
      assertThat(ids).isEqualTo(LongRange.filter(ROWS, id -> DocsTable.year(id) >= 2020));
    }
  }

  @Test
  void filteredKnnWithAStringVectorParameterMatchesBruteForce() throws SQLException {
    float[] query = DocsTable.query(7);
    try (Connection connection = connect(); PreparedStatement knn = connection.prepareStatement(
        "SELECT id, embedding <-> ? AS dist FROM docs WHERE category = ? ORDER BY dist LIMIT 10")) {
      knn.setString(1, DocsTable.literal(query));
      knn.setString(2, "tech");
      List<Long> ids = new ArrayList<>();
      try (ResultSet rows = knn.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getLong(1));
          assertThat(rows.getDouble(2)).isCloseTo(DocsTable.l2(docs.vector((int) rows.getLong(1)), query),
              org.assertj.core.data.Offset.offset(1e-4));
        }
      }
      assertThat(ids).isEqualTo(docs.nearestL2(query, "tech", 10));
    }
  }

  @Test
  void knnWithAnArrayVectorParameterMatchesBruteForce() throws SQLException {
    float[] query = DocsTable.query(8);
    Float[] boxed = IntStream.range(0, query.length).mapToObj(i -> query[i]).toArray(Float[]::new);
    try (Connection connection = connect(); PreparedStatement knn = connection.prepareStatement(
        "SELECT id, embedding <-> ? AS dist FROM docs ORDER BY dist LIMIT 5")) {
      knn.setArray(1, connection.createArrayOf("REAL", boxed));
      assertThat(ids(knn)).isEqualTo(docs.nearestL2(query, null, 5));
    }
  }

  @Test
  void arrayColumnsComeBackAsArrays() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT id, embedding FROM docs WHERE id IN (3, 4) ORDER BY id")) {
      for (int id = 3; id <= 4; id++) {
        assertThat(rows.next()).isTrue();
        Array array = rows.getArray("embedding");
        Object[] values = (Object[]) array.getArray();
        float[] expected = docs.vector(id);
        assertThat(values).hasSize(DocsTable.DIMS);
        for (int d = 0; d < DocsTable.DIMS; d++) {
          assertThat(((Number) values[d]).floatValue()).isEqualTo(expected[d]);
        }
      }
      assertThat(rows.next()).isFalse();
    }
  }

  @Test
  void explainReturnsThePlan() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet plan = statement.executeQuery(
            "EXPLAIN PLAN FOR SELECT id FROM docs WHERE category = 'news' ORDER BY id LIMIT 3")) {
      assertThat(plan.next()).isTrue();
      assertThat(plan.getString(1)).containsIgnoringCase("docs");
    }
  }

  @Test
  void ddlAndDmlRoundTrip() throws SQLException {
    try (Connection connection = connect(); Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE notes (id BIGINT PRIMARY KEY, body VARCHAR)");
      assertThat(statement.executeUpdate("INSERT INTO notes VALUES (1, 'one'), (2, 'two'), (3, 'three')"))
          .isEqualTo(3);
      assertThat(statement.executeUpdate("UPDATE notes SET body = 'TWO' WHERE id = 2")).isEqualTo(1);
      assertThat(statement.executeUpdate("DELETE FROM notes WHERE id = 3")).isEqualTo(1);
      try (PreparedStatement insert = connection.prepareStatement("INSERT INTO notes VALUES (?, ?)")) {
        insert.setLong(1, 4);
        insert.setString(2, "four");
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      List<String> bodies = new ArrayList<>();
      try (ResultSet rows = statement.executeQuery("SELECT body FROM notes ORDER BY id")) {
        while (rows.next()) {
          bodies.add(rows.getString(1));
        }
      }
      assertThat(bodies).containsExactly("one", "TWO", "four");
      statement.execute("DROP TABLE notes");
      assertThatThrownBy(() -> statement.executeQuery("SELECT * FROM notes"))
          .isInstanceOf(SQLException.class).hasMessageContaining("notes");
    }
  }

  @Test
  void metadataCallsOfBiToolsDescribeTheTable() throws SQLException {
    try (Connection connection = connect()) {
      DatabaseMetaData meta = connection.getMetaData();
      assertThat(column(meta.getSchemas(), "TABLE_SCHEM")).contains("main");
      assertThat(column(meta.getTables(null, "main", "docs", null), "TABLE_NAME")).containsExactly("docs");
      try (ResultSet columns = meta.getColumns(null, "main", "docs", null)) {
        List<String> names = new ArrayList<>();
        while (columns.next()) {
          names.add(columns.getString("COLUMN_NAME"));
          assertThat(columns.getString("TYPE_NAME")).isNotBlank();
        }
        assertThat(names).containsExactly("id", "title", "category", "pub_year", "embedding");
      }
      assertThat(column(meta.getTypeInfo(), "TYPE_NAME")).contains("VARCHAR", "INTEGER", "BIGINT");
      try (ResultSet keys = meta.getPrimaryKeys(null, "main", "docs")) {
        assertThat(keys.getMetaData().getColumnCount()).isGreaterThanOrEqualTo(4);
      }
    }
  }

  @Test
  void badRequestsGetClearErrorsAndTheServerKeepsServing() throws SQLException {
    try (Connection connection = connect()) {
      try (Statement statement = connection.createStatement()) {
        assertThatThrownBy(() -> statement.executeQuery("SELEKT id FROM docs"))
            .isInstanceOf(SQLException.class).hasMessageContaining("SELEKT");
      }
      try (PreparedStatement knn = connection.prepareStatement(
          "SELECT id, embedding <-> ? AS dist FROM docs ORDER BY dist LIMIT 3")) {
        knn.setString(1, "[1.0, 2.0]");
        assertThatThrownBy(knn::executeQuery).isInstanceOf(SQLException.class)
            .hasMessageContaining("bind parameter 1").hasMessageContaining("expected 8, got 2");
        knn.setString(1, "[1.0, oops]");
        assertThatThrownBy(knn::executeQuery).isInstanceOf(SQLException.class);
      }
      try (Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT id FROM docs ORDER BY id LIMIT 9223372036854775807")) {
        int count = 0;
        while (rows.next()) {
          count++;
        }
        assertThat(count).isEqualTo(ROWS);
      }
    }
    try (Connection connection = connect(); Statement statement = connection.createStatement();
        ResultSet count = statement.executeQuery("SELECT count(*) FROM docs")) {
      assertThat(count.next()).isTrue();
      assertThat(count.getLong(1)).isEqualTo(ROWS);
    }
  }

  private static List<Long> ids(PreparedStatement statement) throws SQLException {
    List<Long> ids = new ArrayList<>();
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        ids.add(rows.getLong(1));
      }
    }
    return ids;
  }

  private static List<String> column(ResultSet rows, String name) throws SQLException {
    List<String> values = new ArrayList<>();
    try (rows) {
      while (rows.next()) {
        values.add(rows.getString(name));
      }
    }
    return values;
  }
}
