package dev.eider.server.index;

import static dev.eider.server.index.DmlMaintenanceTest.assertIndexMatchesTable;
import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.adapter.index.IndexWrite;
import dev.eider.adapter.index.VectorIndex;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link IndexWrite#alongside}: the base-table statement on the side thread and the graph change on the
 * caller's; when either fails the call fails, and the write's rollback leaves DuckDB's table and the
 * index as they were (DuckDB and a search are the oracles).
 */
class SideStatementTest {
  private static final String INSERT = "INSERT INTO main.docs VALUES (?, 'side', CAST(? AS FLOAT["
      + IndexFixture.DIMS + "]))";

  @TempDir Path dir;

  @Test
  void aFailingGraphChangeOrBaseStatementFailsTheCallAndNothingStays() throws Exception {
    Path file = dir.resolve("side.duckdb");
    IndexFixture.createDocs(file, 200, 13);
    Random random = new Random(14);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
      VectorIndex index = IndexFixture.index(eider, "docs_emb");
      long live = index.liveCount();

      float[] vector = IndexFixture.vector(random);
      try (IndexWrite write = IndexFixture.manager(eider).beginWrite(List.of(index))) {
        PreparedStatement insert = bound(write, 500, vector);
        assertThatThrownBy(() -> write.alongside(insert::executeUpdate, () -> {
          write.insert(index, 500, vector);
          throw new IllegalStateException("the graph change failed");
        })).isInstanceOf(IllegalStateException.class).hasMessage("the graph change failed");
      }
      try (IndexWrite write = IndexFixture.manager(eider).beginWrite(List.of(index))) {
        PreparedStatement duplicate = bound(write, 7, vector);
        assertThatThrownBy(() -> write.alongside(duplicate::executeUpdate,
            () -> write.insert(index, 501, vector)))
            .isInstanceOf(SQLException.class).hasMessageContaining("Duplicate key \"id: 7\"");
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'side'")).isZero();
      assertThat(index.liveCount()).isEqualTo(live);
      assertIndexMatchesTable(eider, index);

      try (IndexWrite write = IndexFixture.manager(eider).beginWrite(List.of(index))) {
        PreparedStatement insert = bound(write, 500, vector);
        int inserted = write.alongside(insert::executeUpdate,
            () -> write.insert(index, 500, vector));
        assertThat(inserted).isOne();
        write.commit();
      }
      assertThat(count(eider, "SELECT count(*) FROM docs WHERE cat = 'side'")).isOne();
      assertIndexMatchesTable(eider, index);
    }
  }

  private static PreparedStatement bound(IndexWrite write, long id, float[] vector)
      throws SQLException {
    PreparedStatement insert = write.session().prepared(INSERT);
    insert.setLong(1, id);
    insert.setString(2, IndexFixture.text(vector));
    return insert;
  }
}
