package dev.eider.adapter.index;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * {@code sys.index_searches}: the last {@link SearchLog#DEFAULT_CAPACITY} index scans of each DuckDB
 * database of the connection, with what they planned, what they did at run time and what it cost.
 */
public final class SysIndexSearchesTable extends AbstractTable implements ScannableTable {
  private final SysIndexesTable indexes;

  /** Reads the search logs of the databases {@code indexes} lists. */
  SysIndexSearchesTable(SysIndexesTable indexes) {
    this.indexes = indexes;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory types) {
    return types.builder()
        .add("seq", SqlTypeName.BIGINT)
        .add("time", SqlTypeName.TIMESTAMP)
        .add("index_name", SqlTypeName.VARCHAR)
        .add("planned_strategy", SqlTypeName.VARCHAR)
        .add("run_strategy", SqlTypeName.VARCHAR)
        .add("graph_strategy", SqlTypeName.VARCHAR).nullable(true)
        .add("k", SqlTypeName.INTEGER).nullable(true)
        .add("search_l", SqlTypeName.INTEGER)
        .add("allowed_rows", SqlTypeName.BIGINT).nullable(true)
        .add("nodes_visited", SqlTypeName.BIGINT)
        .add("blocks_from_disk", SqlTypeName.BIGINT)
        .add("cache_hits", SqlTypeName.BIGINT)
        .add("distance_computations", SqlTypeName.BIGINT)
        .add("rows_returned", SqlTypeName.BIGINT)
        .add("millis", SqlTypeName.DOUBLE)
        .build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> rows = new ArrayList<>();
    for (IndexRegistry registry : indexes.registries()) {
      for (SearchLog.Entry entry : registry.searches().entries()) {
        IndexSearch s = entry.search();
        rows.add(new Object[] {entry.sequence(), Timestamp.from(s.time()).getTime(), s.index(),
            s.plannedStrategy(), s.runStrategy(), s.graphStrategy(), s.k(), s.searchL(),
            s.allowedRows(), s.nodesVisited(), s.blocksFromDisk(), s.cacheHits(),
            s.distanceComputations(), s.rows(), s.millis()});
      }
    }
    return Linq4j.asEnumerable(rows);
  }
}
