package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The SQL that reaches DuckDB: whole queries inside one database run there as one statement. */
class PushdownSqlTest {
  @TempDir Path dir;
  Path file;
  Connection eider;

  @BeforeEach
  void open() throws SQLException {
    file = dir.resolve("p.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE docs (id INTEGER PRIMARY KEY, category VARCHAR, "
          + "year INTEGER, emb FLOAT[2])");
      Sql.update(duck, "CREATE TABLE categories (name VARCHAR PRIMARY KEY, label VARCHAR)");
      Sql.update(duck, "INSERT INTO docs VALUES (1, 'news', 2020, [1, 0]), "
          + "(2, 'blog', 2021, [0, 1]), (3, 'news', 2022, [1, 1])");
      Sql.update(duck, "INSERT INTO categories VALUES ('news', 'News'), ('blog', 'Blog')");
    }
    eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
  }

  @AfterEach
  void close() throws SQLException {
    eider.close();
  }

  private String sentToDuckDb(String sql) throws SQLException {
    List<String> statements = Sql.duckDbStatements(eider, sql);
    assertThat(statements).as("statements sent to DuckDB for %s", sql).hasSize(1);
    return statements.getFirst().replaceAll("\\s+", " ");
  }

  @Test
  void filterAndProjection() throws SQLException {
    assertThat(sentToDuckDb("select id, year + 1 from docs where category = 'news' and year > 2020"))
        .isEqualTo("SELECT \"id\", \"year\" + 1 FROM \"main\".\"docs\" "
            + "WHERE \"category\" = 'news' AND \"year\" > 2020");
  }

  @Test
  void sortWithLimit() throws SQLException {
    assertThat(sentToDuckDb("select id from docs order by year desc limit 2"))
        .isEqualTo("SELECT \"id\", \"year\" FROM \"main\".\"docs\" "
            + "ORDER BY \"year\" DESC NULLS FIRST FETCH NEXT 2 ROWS ONLY");
  }

  @Test
  void aggregate() throws SQLException {
    assertThat(sentToDuckDb("select category, count(*), max(year) from docs group by category"))
        .isEqualTo("SELECT \"category\", COUNT(*), MAX(\"year\") "
            + "FROM \"main\".\"docs\" GROUP BY \"category\"");
  }

  @Test
  void join() throws SQLException {
    assertThat(sentToDuckDb("select d.id, c.label from docs d join categories c "
        + "on d.category = c.name where c.label = 'News'"))
        .contains("INNER JOIN", "\"main\".\"categories\"", "WHERE \"label\" = 'News'");
  }

  @Test
  void vectorTopKWithFilter() throws SQLException {
    assertThat(sentToDuckDb("select id, emb <=> ARRAY[1, 0] as d from docs "
        + "where category = 'news' order by d limit 1"))
        .isEqualTo("SELECT \"id\", ARRAY_COSINE_DISTANCE(\"emb\", CAST(ARRAY[1, 0] AS FLOAT[2])) "
            + "AS \"d\" FROM \"main\".\"docs\" WHERE \"category\" = 'news' ORDER BY 2 "
            + "FETCH NEXT 1 ROWS ONLY");
  }

  @Test
  void negativeInnerProductIsWrittenAsDuckDbsFunction() throws SQLException {
    assertThat(sentToDuckDb("select id from docs order by emb <#> '[1, 2]' limit 2"))
        .contains("ARRAY_NEGATIVE_INNER_PRODUCT(\"emb\", CAST('[1, 2]' AS FLOAT[2]))");
  }

  @Test
  void dml() throws SQLException {
    assertThat(sentToDuckDb("insert into docs (id, category, year) values (4, 'blog', 2023)"))
        .startsWith("INSERT INTO \"main\".\"docs\" (\"id\", \"category\", \"year\", \"emb\")");
    assertThat(sentToDuckDb("update docs set year = 2024 where id = 4"))
        .startsWith("UPDATE \"main\".\"docs\" SET \"year\" = 2024 WHERE \"id\" = 4");
    assertThat(sentToDuckDb("delete from docs where emb <-> ARRAY[1, 1] < 0.5"))
        .isEqualTo("DELETE FROM \"main\".\"docs\" WHERE ARRAY_DISTANCE(\"emb\", "
            + "CAST(ARRAY[1, 1] AS FLOAT[2])) < 5E-1");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(Sql.rows(duck, "select id, year from docs order by id"))
          .containsExactly(List.of(1, 2020), List.of(2, 2021), List.of(4, 2024));
    }
  }
}
