package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.server.jdbc.Sql;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A program that turns auto-commit off, writes a batch and commits (as JDBC batch loaders do) works
 * in-process and through the thin client; rollback says that the statements stay committed. DuckDB,
 * read directly, is the oracle for what is stored.
 */
class AutoCommitOffTest {
  @TempDir
  static Path dir;

  private static Path database;
  private static ServedDatabase served;

  @BeforeAll
  static void startServer() throws Exception {
    database = dir.resolve("autocommit.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      Sql.update(duck, "CREATE TABLE loaded (id INTEGER PRIMARY KEY, source VARCHAR)");
    }
    served = ServedDatabase.start(database);
  }

  @AfterAll
  static void stopServer() throws Exception {
    served.close();
  }

  @Test
  void batchesCommitInProcessAndThroughTheThinClient() throws SQLException {
    try (Connection inProcess = DriverManager.getConnection("jdbc:eider:duckdb=" + database)) {
      load(inProcess, 1, "in-process");
    }
    try (Connection thin = served.connect()) {
      load(thin, 100, "thin");
    }
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + database)) {
      assertThat(Sql.rows(duck, "SELECT source, count(*), min(id), max(id) FROM loaded "
          + "GROUP BY source ORDER BY source"))
          .containsExactly(List.of("in-process", 4L, 1, 4), List.of("thin", 4L, 100, 103));
    }
  }

  /** Three rows in one batch and commit, then a fourth row that a rollback cannot take back. */
  private static void load(Connection connection, int firstId, String source) throws SQLException {
    connection.setAutoCommit(false);
    try (PreparedStatement insert = connection.prepareStatement("INSERT INTO loaded VALUES (?, ?)")) {
      for (int id = firstId; id < firstId + 3; id++) {
        insert.setInt(1, id);
        insert.setString(2, source);
        insert.addBatch();
      }
      insert.executeBatch();
      connection.commit();
      insert.setInt(1, firstId + 3);
      insert.setString(2, source);
      insert.executeUpdate();
    }
    assertThatThrownBy(connection::rollback)
        .hasMessageContaining("no multi-statement transactions")
        .hasMessageContaining("committed");
  }
}
