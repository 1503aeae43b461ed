package dev.eider.adapter.index;

import dev.eider.adapter.DuckDbSchema;
import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.BuildOptions;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.VectorSource;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.jdbc.CalciteConnection;

/**
 * Test scaffolding until CREATE INDEX lands: builds an LM-DiskANN index over a DuckDB table, writes its
 * lookup table and registers it in the database's registry, as CREATE INDEX will.
 */
public final class TestIndexes {
  private TestIndexes() {}

  /** The DuckDB database behind schema {@code main} of an Eider connection. */
  public static DuckDbDatabase database(Connection eider) throws Exception {
    return eider.unwrap(CalciteConnection.class).getRootSchema().getSubSchema("main")
        .unwrap(DuckDbSchema.class).database();
  }

  /** Indexes {@code table(column)} keyed by {@code key}; node i holds the i-th key in key order. */
  public static VectorIndex create(Connection eider, String name, String table, String key,
      String column, Metric metric, Path folder) throws Exception {
    DuckDbDatabase database = database(eider);
    List<float[]> vectors = new ArrayList<>();
    List<Long> keys = new ArrayList<>();
    try (Connection duck = database.connect(); Statement statement = duck.createStatement()) {
      try (ResultSet rs = statement.executeQuery("SELECT " + key + ", CAST(" + column
          + " AS VARCHAR) FROM " + table + " WHERE " + column + " IS NOT NULL ORDER BY " + key)) {
        while (rs.next()) {
          keys.add(rs.getLong(1));
          vectors.add(Vectors.parse(rs.getString(2)));
        }
      }
      IndexConfig config = IndexConfig.defaults(vectors.getFirst().length, metric);
      IndexDefinition definition = new IndexDefinition(name, "main", table, column, key, config, 64);
      statement.execute("CREATE SCHEMA IF NOT EXISTS " + IndexDefinition.INDEX_SCHEMA);
      statement.execute("CREATE TABLE " + definition.lookupTable()
          + " (row_key BIGINT PRIMARY KEY, node_id INTEGER)");
      statement.execute("INSERT INTO " + definition.lookupTable() + " SELECT " + key
          + ", CAST(row_number() OVER (ORDER BY " + key + ") - 1 AS INTEGER) FROM " + table
          + " WHERE " + column + " IS NOT NULL");
      long[] rowKeys = keys.stream().mapToLong(Long::longValue).toArray();
      LmDiskannIndex graph = LmDiskannIndex.build(folder, config,
          VectorSource.of(vectors.toArray(float[][]::new), rowKeys), BuildOptions.defaults(),
          new InMemoryJournal());
      VectorIndex index = new VectorIndex(definition, folder, IndexState.BUILDING);
      index.publish(graph, IndexState.READY, "");
      database.indexes().add(index);
      return index;
    }
  }

  /** Forces an index into a state, as a failed validation or a rebuild would. */
  public static void setState(VectorIndex index, IndexState state) {
    index.state(state, "set by a test");
  }
}
