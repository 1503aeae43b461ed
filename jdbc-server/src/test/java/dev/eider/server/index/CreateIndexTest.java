package dev.eider.server.index;

import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.lmdiskann.Metric;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CreateIndexTest {
  @TempDir Path dir;

  @Test
  void createIndexBuildsASearchableGraphAndCatalogRowsThatSurviveReopen() throws Exception {
    Path file = dir.resolve("docs.duckdb");
    IndexFixture.createDocs(file, 1500, 1);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX Docs_Emb ON docs USING lm_diskann (EMB) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      assertThat(index.state()).isEqualTo(IndexState.READY);
      assertThat(index.metric()).isEqualTo(Metric.L2);
      assertThat(index.defaultSearchL()).isEqualTo(64);
      assertThat(index.keyColumn()).isEqualTo("id");
      assertThat(index.column()).isEqualTo("emb");
      assertThat(index.liveCount()).isEqualTo(1500);
      assertThat(index.folder().resolve("graph.lmd")).isRegularFile();
      assertThat(index.folder()).isEqualTo(dir.resolve("docs.duckdb.eider").resolve("docs_emb"));
      assertThat(IndexFixture.recall(eider, index, 30, 10, 7)).isGreaterThan(0.9);
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(count(duck, "SELECT count(*) FROM lmdiskann.indexes WHERE name = 'docs_emb'"))
          .isEqualTo(1);
      assertThat(count(duck, "SELECT count(*) FROM lmdiskann.docs_emb_lookup l JOIN docs d"
          + " ON d.id = l.row_key")).isEqualTo(1500);
    }
    try (Connection eider = IndexFixture.eider(file)) {
      VectorIndex reopened = IndexFixture.index(eider, "docs_emb");
      assertThat(reopened.state()).isEqualTo(IndexState.READY);
      assertThat(reopened.liveCount()).isEqualTo(1500);
      assertThat(IndexFixture.recall(eider, reopened, 30, 10, 8)).isGreaterThan(0.9);
      execute(eider, "CREATE INDEX IF NOT EXISTS docs_emb ON docs USING LM_DISKANN (emb)");
      execute(eider, "DROP INDEX docs_emb");
      assertThat(reopened.folder()).doesNotExist();
      execute(eider, "DROP INDEX IF EXISTS docs_emb");
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(count(duck, "SELECT count(*) FROM lmdiskann.indexes")).isZero();
      assertThat(count(duck, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'lmdiskann'"
          + " AND table_name LIKE 'docs_emb%'")).isZero();
    }
  }

  @Test
  void badDefinitionsFailClearlyAndLeaveNothingBehind() throws Exception {
    Path file = dir.resolve("bad.duckdb");
    IndexFixture.createDocs(file, 50, 2);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE TABLE nokey (id BIGINT, emb FLOAT[16])");
      execute(eider, "CREATE TABLE textkey (k VARCHAR PRIMARY KEY, emb FLOAT[16])");
      execute(eider, "CREATE TABLE nullable_unique (k BIGINT UNIQUE, emb FLOAT[16])");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) WITH (metrc = 'l2')",
          "Unknown LM_DISKANN index option 'metrc'");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) WITH (metric = 'hamming')",
          "unknown metric 'hamming'");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) WITH (max_degree = 'x')",
          "max_degree must be an integer");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) WITH (max_degree = 1)",
          "max_degree must be between");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (cat)",
          "an LM_DISKANN index needs a FLOAT[n] column");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (nope)", "has no column nope");
      assertFails(eider, "CREATE INDEX i ON missing USING LM_DISKANN (emb)",
          "Table main.missing does not exist");
      assertFails(eider, "CREATE INDEX i ON nokey USING LM_DISKANN (emb)",
          "has no single-column integer PRIMARY KEY");
      assertFails(eider, "CREATE INDEX i ON textkey USING LM_DISKANN (emb)",
          "has no single-column integer PRIMARY KEY");
      assertFails(eider, "CREATE INDEX i ON nullable_unique USING LM_DISKANN (emb)"
          + " WITH (key_column = 'k')", "must be NOT NULL");
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) WITH (key_column = 'cat')",
          "it must be an integer column");
      execute(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      assertFails(eider, "CREATE INDEX i ON docs USING LM_DISKANN (emb)", "Index i already exists");
      execute(eider, "DROP INDEX i");
    }
    assertThat(dir.resolve("bad.duckdb.eider")).satisfiesAnyOf(
        p -> assertThat(p).doesNotExist(),
        p -> assertThat(Files.list(p)).isEmpty());
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      assertThat(count(duck, "SELECT count(*) FROM lmdiskann.indexes")).isZero();
      assertThat(count(duck, "SELECT count(*) FROM duckdb_tables() WHERE schema_name = 'lmdiskann'"
          + " AND table_name <> 'indexes'")).isZero();
    }
  }

  private static void assertFails(Connection eider, String sql, String message) {
    assertThatThrownBy(() -> execute(eider, sql)).isInstanceOf(SQLException.class)
        .satisfies(e -> assertThat(fullMessage(e)).contains(message));
  }

  private static String fullMessage(Throwable e) {
    StringBuilder b = new StringBuilder();
    for (Throwable t = e; t != null; t = t.getCause()) {
      b.append(t.getMessage()).append(" | ");
    }
    return b.toString();
  }
}
