package dev.eider.adapter.index;

import dev.eider.lmdiskann.IndexStats;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.indexes}: one row per LM-DiskANN index of the connection's DuckDB databases, with its
 * declaration, state (and build progress), sizes, cache use and merge history.
 */
public final class SysIndexesTable extends AbstractTable implements ScannableTable {
  private final List<IndexRegistry> registries = new CopyOnWriteArrayList<>();

  /** Lists the indexes of {@code registry} too (one call per DuckDB database of the connection). */
  public void add(IndexRegistry registry) {
    if (!registries.contains(registry)) {
      registries.add(registry);
    }
  }

  /** The registries of the databases listed. */
  List<IndexRegistry> registries() {
    return registries;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("name", SqlTypeName.VARCHAR)
        .add("schema_name", SqlTypeName.VARCHAR)
        .add("table_name", SqlTypeName.VARCHAR)
        .add("column_name", SqlTypeName.VARCHAR)
        .add("key_column", SqlTypeName.VARCHAR)
        .add("options", SqlTypeName.VARCHAR)
        .add("state", SqlTypeName.VARCHAR)
        .add("build_progress", SqlTypeName.DOUBLE)
        .add("state_detail", SqlTypeName.VARCHAR)
        .add("live_nodes", SqlTypeName.BIGINT).nullable(true)
        .add("deleted_nodes", SqlTypeName.BIGINT).nullable(true)
        .add("journal_blocks", SqlTypeName.BIGINT).nullable(true)
        .add("graph_file_bytes", SqlTypeName.BIGINT).nullable(true)
        .add("cache_bytes", SqlTypeName.BIGINT).nullable(true)
        .add("cache_hit_ratio", SqlTypeName.DOUBLE).nullable(true)
        .add("merge_sequence", SqlTypeName.BIGINT).nullable(true)
        .add("last_merge", SqlTypeName.TIMESTAMP).nullable(true)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (IndexRegistry registry : registries) {
      for (VectorIndex index : registry.all()) {
        rows.add(row(index));
      }
    }
    return Linq4j.asEnumerable(rows);
  }

  private static Object[] row(VectorIndex index) {
    IndexDefinition d = index.definition();
    Optional<IndexStats> stats = index.stats();
    IndexStats s = stats.orElse(null);
    return new Object[] {d.name(), d.schema(), d.table(), d.column(), d.keyColumn(),
        IndexOptions.of(d).render(), index.state().name(), index.state() == IndexState.READY
            ? 1.0 : index.buildProgress(), index.stateDetail(),
        s == null ? null : (long) s.liveCount(),
        s == null ? null : (long) s.pendingDeletes(),
        s == null ? null : (long) s.journalBlocks(),
        s == null ? null : s.fileBytes(),
        s == null ? null : s.cacheBytes(),
        s == null ? null : index.cacheHitRatio(),
        s == null ? null : s.mergeSequence(),
        index.lastMerge().map(t -> Timestamp.from(t).getTime()).orElse(null)};
  }
}
