package dev.eider.server.cli;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The demo table's LM_DISKANN index, created through the engine once the table is complete, so an interrupted
 * index build is redone by the next start. A database without the demo table is left alone.
 */
final class DemoIndex {

  private static final String CREATE =
      "CREATE INDEX IF NOT EXISTS foldoc_embedding ON foldoc USING LM_DISKANN (embedding)"
          + " WITH (metric = 'cosine')";

  private DemoIndex() {}

  static void ensure(Path dbFile) throws SQLException {
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + dbFile)) {
      if (hasDemoTable(eider)) {
        try (Statement statement = eider.createStatement()) {
          statement.execute(CREATE);
        }
      }
    }
  }

  private static boolean hasDemoTable(Connection eider) throws SQLException {
    try (ResultSet tables = eider.getMetaData().getTables(null, "main", "foldoc", null)) {
      return tables.next();
    }
  }
}
