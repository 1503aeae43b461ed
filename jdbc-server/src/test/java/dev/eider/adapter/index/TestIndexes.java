package dev.eider.adapter.index;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.lmdiskann.Metric;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Locale;
import org.apache.calcite.jdbc.CalciteConnection;

/** Test access to indexes: created through real CREATE INDEX, states forced as a failed validation would. */
public final class TestIndexes {
  private TestIndexes() {}

  /** The DuckDB database behind schema {@code main} of an Eider connection. */
  public static DuckDbDatabase database(Connection eider) throws Exception {
    return eider.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("main")
        .unwrap(DuckDbSchema.class).database();
  }

  /** Indexes {@code table(column)} keyed by {@code key} with {@code CREATE INDEX ... USING LM_DISKANN}. */
  public static VectorIndex create(Connection eider, String name, String table, String key,
      String column, Metric metric) throws Exception {
    try (Statement statement = eider.createStatement()) {
      statement.execute("CREATE INDEX " + name + " ON " + table + " USING LM_DISKANN (" + column
          + ") WITH (metric = '" + metric.name().toLowerCase(Locale.ROOT) + "', key_column = '" + key + "')");
    }
    return database(eider).indexes().byName(name).orElseThrow();
  }

  /** Forces an index into a state, as a failed validation or a rebuild would. */
  public static void setState(VectorIndex index, IndexState state) {
    index.state(state, "set by a test");
  }
}
