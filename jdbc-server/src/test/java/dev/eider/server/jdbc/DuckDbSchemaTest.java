package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.DuckDbTable;
import dev.eider.adapter.sql.EiderSqlDialect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** DuckDB tables seen through jdbc:eider: names, types, metadata, sharing of the database. */
class DuckDbSchemaTest {
  @TempDir Path dir;
  Path file;

  @BeforeEach
  void createDatabase() throws SQLException {
    file = dir.resolve("docs.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR, "
          + "\"Category\" VARCHAR, year INTEGER, score DOUBLE, price DECIMAL(10,2), "
          + "published BOOLEAN, day DATE, seen TIMESTAMP, tags VARCHAR[], embedding FLOAT[3])");
      Sql.update(duck, "INSERT INTO docs VALUES "
          + "(1, 'one', 'news', 2020, 0.5, 1.25, true, DATE '2020-01-02', "
          + "TIMESTAMP '2020-01-02 03:04:05', ['a', 'b'], [1, 2, 3]), "
          + "(2, 'two', 'blog', 2021, 1.5, 2.50, false, DATE '2021-01-02', "
          + "TIMESTAMP '2021-01-02 03:04:05', ['c'], [4, 5, 6])");
    }
  }

  private Connection eider() throws SQLException {
    return DriverManager.getConnection("jdbc:eider:duckdb=" + file);
  }

  @Test
  void unquotedNamesMatchAnyCaseAndLabelsKeepTheCatalogSpelling() throws SQLException {
    try (Connection eider = eider();
        ResultSet rows = eider.createStatement().executeQuery(
            "select ID, Title, category from DOCS where YEAR = 2020 and Day < DATE '2021-01-01'")) {
      ResultSetMetaData meta = rows.getMetaData();
      assertThat(List.of(meta.getColumnLabel(1), meta.getColumnLabel(2), meta.getColumnLabel(3)))
          .containsExactly("id", "title", "Category");
      assertThat(Sql.rows(rows)).containsExactly(List.of(1L, "one", "news"));
    }
  }

  @Test
  void quotedNamesMatchLikeDuckDbAndUserAliasesAreKept() throws SQLException {
    String sql = "select \"category\", \"ID\" from \"DOCS\" where id = 2";
    List<List<Object>> duckDbAnswer;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      duckDbAnswer = Sql.rows(duck, sql);
    }
    try (Connection eider = eider()) {
      assertThat(Sql.rows(eider, sql)).isEqualTo(duckDbAnswer).containsExactly(List.of("blog", 2L));
      assertThatThrownBy(() -> Sql.rows(eider, "select \"nope\" from docs"))
          .isInstanceOf(SQLException.class).hasMessageContaining("nope");
      try (ResultSet rows = eider.createStatement().executeQuery("select id AS ID from docs")) {
        assertThat(rows.getMetaData().getColumnLabel(1)).isEqualTo("ID");
      }
    }
  }

  @Test
  void duckDbTypesMapToSqlTypes() throws SQLException {
    try (Connection eider = eider();
        ResultSet rows = eider.createStatement().executeQuery("select * from docs order by id")) {
      ResultSetMetaData meta = rows.getMetaData();
      List<String> typeNames = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        typeNames.add(meta.getColumnTypeName(i));
      }
      assertThat(typeNames).containsExactly("BIGINT", "VARCHAR", "VARCHAR", "INTEGER", "DOUBLE",
          "DECIMAL", "BOOLEAN", "DATE", "TIMESTAMP", "VARCHAR ARRAY", "FLOAT[3]");
      assertThat(meta.getColumnType(11)).isEqualTo(Types.ARRAY);
      rows.next();
      assertThat(rows.getBigDecimal("price")).isEqualByComparingTo("1.25");
      assertThat(rows.getDate("day").toString()).isEqualTo("2020-01-02");
      assertThat(rows.getTimestamp("seen").toString()).isEqualTo("2020-01-02 03:04:05.0");
      assertThat((Object[]) rows.getArray("tags").getArray()).containsExactly("a", "b");
      assertThat((float[]) rows.getArray("embedding").getArray()).containsExactly(1f, 2f, 3f);
    }
  }

  @Test
  void metadataDescribesTablesColumnsSchemasTypesAndKeys() throws SQLException {
    try (Connection eider = eider()) {
      DatabaseMetaData meta = eider.getMetaData();
      try (ResultSet tables = meta.getTables(null, "main", "%", null)) {
        List<List<Object>> rows = Sql.rows(tables);
        assertThat(rows).anySatisfy(row -> assertThat(row.subList(1, 4))
            .containsExactly("main", "docs", "TABLE"));
      }
      try (ResultSet columns = meta.getColumns(null, "main", "docs", "embedding")) {
        assertThat(columns.next()).isTrue();
        assertThat(columns.getString("TYPE_NAME")).isEqualTo("FLOAT[3]");
        assertThat(columns.getInt("DATA_TYPE")).isEqualTo(Types.ARRAY);
      }
      try (ResultSet columns = meta.getColumns(null, "main", "docs", "title")) {
        assertThat(columns.next()).isTrue();
        assertThat(columns.getString("TYPE_NAME")).isEqualTo("VARCHAR");
      }
      try (ResultSet schemas = meta.getSchemas()) {
        assertThat(Sql.rows(schemas)).anySatisfy(row -> assertThat(row.get(0)).isEqualTo("main"));
      }
      try (ResultSet types = meta.getTypeInfo()) {
        assertThat(Sql.rows(types)).extracting(row -> row.get(0)).contains("INTEGER", "VARCHAR");
      }
      try (ResultSet keys = meta.getPrimaryKeys(null, "main", "docs")) {
        assertThat(keys.next()).isTrue();
        assertThat(keys.getString("TABLE_NAME")).isEqualTo("docs");
        assertThat(keys.getString("COLUMN_NAME")).isEqualTo("id");
        assertThat(keys.getShort("KEY_SEQ")).isEqualTo((short) 1);
        assertThat(keys.next()).isFalse();
      }
    }
  }

  @Test
  void tablesCreatedThroughEiderOrDuckDbAreVisible() throws SQLException {
    try (Connection eider = eider()) {
      Sql.update(eider, "CREATE TABLE notes (id INTEGER, body VARCHAR)");
      Sql.update(eider, "INSERT INTO notes VALUES (1, 'hello')");
      assertThat(Sql.rows(eider, "select body from Notes")).containsExactly(List.of("hello"));
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
        Sql.update(duck, "CREATE TABLE later (x INTEGER)");
        Sql.update(duck, "INSERT INTO later VALUES (7)");
      }
      assertThat(Sql.rows(eider, "select x from later")).containsExactly(List.of(7));
      Sql.update(eider, "DROP TABLE later");
      assertThatThrownBy(() -> Sql.rows(eider, "select x from later"))
          .isInstanceOf(SQLException.class).hasMessageContaining("later");
    }
  }

  @Test
  void viewsAreTablesOfTheirSchemaAndNamesAreNotPatterns() throws SQLException {
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE VIEW recent AS SELECT id, title FROM docs WHERE year >= 2021");
      Sql.update(duck, "CREATE TABLE a_b (x INTEGER)");
      Sql.update(duck, "CREATE TABLE axb (x INTEGER)");
      Sql.update(duck, "INSERT INTO a_b VALUES (1)");
      Sql.update(duck, "INSERT INTO axb VALUES (2)");
      Sql.update(duck, "CREATE SCHEMA other");
      Sql.update(duck, "CREATE TABLE other.elsewhere (x INTEGER)");
    }
    try (Connection eider = eider()) {
      assertThat(Sql.rows(eider, "select title from Recent")).containsExactly(List.of("two"));
      assertThat(Sql.rows(eider, "select x from a_b")).containsExactly(List.of(1));
      assertThat(Sql.rows(eider, "select x from AXB")).containsExactly(List.of(2));
      assertThatThrownBy(() -> Sql.rows(eider, "select x from elsewhere"))
          .isInstanceOf(SQLException.class).hasMessageContaining("elsewhere");
      try (ResultSet tables = eider.getMetaData().getTables(null, "main", "%", null)) {
        assertThat(Sql.rows(tables)).extracting(row -> row.get(2) + " " + row.get(3))
            .contains("docs TABLE", "recent VIEW", "a_b TABLE", "axb TABLE")
            .doesNotContain("elsewhere TABLE", "duckdb_tables SYSTEM VIEW");
      }
    }
  }

  @Test
  void alteredTablesShowTheirNewColumns() throws SQLException {
    try (Connection eider = eider()) {
      assertThat(Sql.rows(eider, "select count(*) from docs")).containsExactly(List.of(2L));
      Sql.update(eider, "CREATE VIEW titles AS SELECT id, title FROM docs");
      assertThat(Sql.rows(eider, "select title from titles where id = 1"))
          .containsExactly(List.of("one"));
      try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
        Sql.update(duck, "ALTER TABLE docs ADD COLUMN rating INTEGER DEFAULT 5");
        Sql.update(duck, "CREATE OR REPLACE VIEW titles AS SELECT id, title, rating FROM docs");
      }
      assertThat(Sql.rows(eider, "select rating from docs where id = 1")).containsExactly(List.of(5));
      assertThat(Sql.rows(eider, "select title, rating from titles where id = 2"))
          .containsExactly(List.of("two", 5));
    }
  }

  @Test
  void dmlRunsInDuckDb() throws SQLException {
    try (Connection eider = eider()) {
      assertThat(Sql.update(eider,
          "insert into docs (id, title, embedding) values (3, 'three', ARRAY[7, 8, 9])")).isEqualTo(1);
      assertThat(Sql.update(eider, "update docs set title = 'THREE' where id = 3")).isEqualTo(1);
      assertThat(Sql.update(eider, "delete from docs where id = 1")).isEqualTo(1);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(Sql.rows(duck, "select id, title, embedding::VARCHAR from docs order by id"))
          .containsExactly(List.of(2L, "two", "[4.0, 5.0, 6.0]"),
              List.of(3L, "THREE", "[7.0, 8.0, 9.0]"));
    }
  }

  @Test
  void connectionsShareOneDuckDbInstancePerFileAndReleaseIt() throws SQLException {
    EiderDriver driver = (EiderDriver) DriverManager.getDriver("jdbc:eider:");
    int before = driver.databases().openCount();
    try (Connection first = eider(); Connection second = eider()) {
      assertThat(driver.databases().openCount()).isEqualTo(before + 1);
      Sql.update(first, "insert into docs (id, title) values (10, 'shared')");
      assertThat(Sql.rows(second, "select title from docs where id = 10"))
          .containsExactly(List.of("shared"));
    }
    assertThat(driver.databases().openCount()).isEqualTo(before);
  }

  @Test
  void tablesLeadToTheirDuckDbDatabaseNameAndConvention() throws SQLException {
    try (Connection eider = eider()) {
      SchemaPlus main = eider.unwrap(CalciteConnection.class).getRootSchema().subSchemas().get("main");
      assertThat(main).isNotNull();
      Table table = main.tables().getIgnoreCase("DOCS").entity();
      assertThat(table).isInstanceOf(DuckDbTable.class);
      DuckDbTable docs = (DuckDbTable) table;
      assertThat(docs.duckDbName()).isEqualTo("docs");
      assertThat(docs.schema().duckDbSchema()).isEqualTo("main");
      assertThat(docs.schema().database().file()).isEqualTo(file.toAbsolutePath().normalize());
      assertThat(docs.schema().convention().dialect).isInstanceOf(EiderSqlDialect.class);
    }
  }

  @Test
  void modelPathsAreRelativeToTheModelFile() throws Exception {
    Path model = dir.resolve("model.json");
    Files.writeString(model, """
        {"version": "1.0", "defaultSchema": "main", "schemas": [{"name": "main", "type": "custom",
          "factory": "dev.eider.adapter.DuckDbSchemaFactory",
          "operand": {"path": "docs.duckdb", "schema": "main"}}]}
        """);
    try (Connection eider = DriverManager.getConnection("jdbc:eider:model=" + model)) {
      assertThat(Sql.rows(eider, "select count(*) from docs")).containsExactly(List.of(2L));
    }
  }

  @Test
  void aMissingDatabaseFileIsCreated() throws SQLException {
    Path fresh = dir.resolve("sub/fresh.duckdb");
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + fresh)) {
      Sql.update(eider, "CREATE TABLE t (x INTEGER)");
    }
    assertThat(fresh).exists();
  }
}
