package dev.eider.planner.exec;

import dev.eider.adapter.index.IndexDefinition;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.planner.cost.Strategy;
import org.apache.calcite.rel.type.RelDataType;

/**
 * Everything an {@code LmDiskannScan} decided at plan time and needs at run time.
 *
 * @param index            the index searched
 * @param database         the DuckDB database of the table and of the index's lookup table
 * @param tableRowType     the table's columns (the scan outputs them, then the distance)
 * @param keyField         position of the row-key column in the table's columns
 * @param distanceFunction DuckDB's function for the index metric, e.g. {@code array_distance}
 * @param queryVector      how to get the query vector at run time
 * @param fetch            LIMIT, or null for a radius query without one
 * @param offset           OFFSET, or null
 * @param radius           the radius of {@code dist < r}, or null
 * @param radiusInclusive  whether the radius condition is {@code <=}
 * @param filterRows       {@code SELECT * FROM table WHERE sibling filters}, or null without filters
 * @param strategy         the strategy the cost model chose at plan time
 * @param selectivity      estimated fraction of rows the sibling filters keep (1 without filters)
 * @param searchL          beam width
 * @param postFiltered     whether a conjunct DuckDB cannot evaluate is applied above the scan, so
 *                         the scan streams rows until the LIMIT above has enough
 */
public record ScanSpec(VectorIndex index, DuckDbDatabase database, RelDataType tableRowType,
    int keyField, String distanceFunction, QueryVector queryVector, Argument fetch,
    Argument offset, Argument radius, boolean radiusInclusive, BoundSql filterRows,
    Strategy strategy, double selectivity, int searchL, boolean postFiltered) {

  /** The qualified DuckDB table name. */
  String table() {
    return index.definition().qualifiedTable();
  }

  String keyColumn() {
    return IndexDefinition.quote(index.keyColumn());
  }

  String vectorColumn() {
    return IndexDefinition.quote(index.column());
  }

  int dimensions() {
    return index.config().dimensions();
  }
}
