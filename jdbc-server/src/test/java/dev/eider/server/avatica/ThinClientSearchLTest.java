package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code search_l} connection property travels from the real thin client to the server's planner. */
class ThinClientSearchLTest {
  @TempDir
  static Path dir;

  private static ServedDatabase served;

  @BeforeAll
  static void startServer() throws Exception {
    served = ServedDatabase.startIndexedDocs(dir.resolve("docs.duckdb"), 200);
  }

  @AfterAll
  static void stopServer() throws Exception {
    served.close();
  }

  @Test
  void searchLFromTheClientsPropertiesIsTheScansBeam() throws SQLException {
    String explain = "EXPLAIN PLAN FOR SELECT id FROM docs ORDER BY embedding <-> CAST('"
        + DocsTable.literal(DocsTable.query(3)) + "' AS FLOAT[" + DocsTable.DIMS + "]) LIMIT 5";
    Properties properties = new Properties();
    properties.setProperty("search_l", "37");
    try (Connection connection = served.connect(properties)) {
      assertThat(plan(connection, explain)).contains("search_l=[37]");
    }
    try (Connection connection = served.connect()) {
      assertThat(plan(connection, explain)).contains("LmDiskannScan").doesNotContain("search_l=[37]");
    }
  }

  private static String plan(Connection connection, String sql) throws SQLException {
    try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      return plan.toString();
    }
  }
}
