package dev.eider.planner.rules;

import dev.eider.adapter.DuckDbTable;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.sql.VectorOperators;
import dev.eider.planner.cost.DiskannCostModel;
import dev.eider.planner.cost.Strategy;
import dev.eider.planner.exec.Argument;
import dev.eider.planner.exec.BoundSql;
import dev.eider.planner.exec.QueryVector;
import dev.eider.planner.exec.ScanSpec;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;

/**
 * Builds an {@link LmDiskannScan} for a matched query: translates the sibling filters to DuckDB SQL,
 * estimates their selectivity, lets the cost model choose the strategy.
 */
final class ScanBuilder {
  /** Selectivity assumed when the filter has bind parameters; the run time confirms with the real count. */
  static final double UNKNOWN_SELECTIVITY = 0.1;
  /** k assumed for costing when LIMIT is a bind parameter or absent (radius). */
  static final int UNKNOWN_K = 10;
  /** Name of the distance column the scan adds after the table's columns. */
  static final String DISTANCE_COLUMN = "eider_distance";

  private ScanBuilder() {}

  /**
   * The scan.
   *
   * @param siblings conjuncts DuckDB evaluates into the allowed set
   * @param residual conjuncts applied in Calcite after the search (shown as post_filter)
   * @param searchL  the beam width (hint, else connection property, else the index's option)
   * @param forced   the strategy a hint asks for, or null to let the cost model choose
   */
  static LmDiskannScan build(TableScan scan, DuckDbTable table, VectorIndex index,
      VectorPredicates.Distance distance, Argument fetch, Argument offset,
      VectorPredicates.Radius radius, List<RexNode> siblings, List<RexNode> residual,
      int searchL, Strategy forced) {
    RelOptCluster cluster = scan.getCluster();
    RexNode condition = RexUtil.composeConjunction(cluster.getRexBuilder(), siblings, true);
    BoundSql filterRows = condition == null ? null : DuckDbSql.rows(scan, condition);
    double selectivity = filterRows == null ? 1.0 : selectivity(table, index, filterRows);
    int k = fetch != null && fetch.parameter() < 0
        ? (int) Math.min(Integer.MAX_VALUE, fetch.literal().longValue()
            + (offset != null && offset.parameter() < 0 ? offset.literal().longValue() : 0))
        : UNKNOWN_K;
    DiskannCostModel model = new DiskannCostModel(index.liveCount(), index.config().dimensions(),
        index.config().maxDegree(), index.cacheHitRatio());
    var costs = model.costs(Math.max(1, k), searchL, selectivity, filterRows != null);
    if (radius != null || !residual.isEmpty()) {
      costs.remove(Strategy.POST_FILTER);
    }
    var best = costs.entrySet().stream().min(Map.Entry.comparingByValue()).orElseThrow();
    if (forced != null) {
      if (!costs.containsKey(forced)) {
        throw new IllegalArgumentException("hint LM_DISKANN(strategy=" + forced + ") cannot answer "
            + "this query; its possible strategies are " + costs.keySet());
      }
      best = Map.entry(forced, costs.get(forced));
    }
    ScanSpec spec = new ScanSpec(index, table.schema().database(), scan.getRowType(),
        keyField(scan, index), distance.duckDbFunction(), queryVector(scan, distance, index),
        fetch, offset, radius == null ? null : radius.radius(),
        radius != null && radius.inclusive(), filterRows, best.getKey(), selectivity, searchL,
        !residual.isEmpty() && fetch != null);
    RelDataType rowType = rowType(cluster.getTypeFactory(), scan.getRowType(), distance.call().getType());
    int distanceField = rowType.getFieldCount() - 1;
    var traits = cluster.traitSetOf(EnumerableConvention.INSTANCE)
        .replace(RelCollations.of(new RelFieldCollation(distanceField)));
    List<String> post = new ArrayList<>();
    for (RexNode conjunct : residual) {
      post.add(conjunct.toString());
    }
    return new LmDiskannScan(cluster, traits, rowType, spec,
        filterRows == null ? null : filterRows.sql(), post, best.getValue());
  }

  private static RelDataType rowType(RelDataTypeFactory typeFactory, RelDataType tableRowType,
      RelDataType distanceType) {
    return typeFactory.builder()
        .addAll(tableRowType.getFieldList())
        .add(DISTANCE_COLUMN, distanceType)
        .build();
  }

  private static int keyField(TableScan scan, VectorIndex index) {
    List<String> names = scan.getRowType().getFieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (names.get(i).equalsIgnoreCase(index.keyColumn())) {
        return i;
      }
    }
    throw new IllegalStateException("table " + index.tableName() + " has no key column "
        + index.keyColumn() + " of index " + index.name() + ": rebuild the index");
  }

  private static QueryVector queryVector(TableScan scan, VectorPredicates.Distance distance,
      VectorIndex index) {
    int dimension = index.config().dimensions();
    RexNode query = distance.query();
    if (query instanceof RexCall call && call.getOperator() == VectorOperators.TO_VECTOR
        && call.getOperands().getFirst() instanceof RexDynamicParam param) {
      return QueryVector.parameter(param.getIndex(), dimension);
    }
    return QueryVector.constant(DuckDbSql.constant(DuckDbSql.oneRow(scan), query), dimension);
  }

  /** Counts the filtered rows in DuckDB when the filter has no bind parameters (a cheap count). */
  private static double selectivity(DuckDbTable table, VectorIndex index, BoundSql filterRows) {
    long live = index.liveCount();
    if (!filterRows.parameters().isEmpty() || live == 0) {
      return UNKNOWN_SELECTIVITY;
    }
    try (Connection duckDb = table.schema().database().connect();
        Statement statement = duckDb.createStatement();
        ResultSet rs = statement.executeQuery(
            "SELECT count(*) FROM (" + filterRows.sql() + ") AS f")) {
      rs.next();
      return Math.min(1.0, rs.getLong(1) / (double) live);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot estimate the selectivity of the filter on "
          + index.tableName() + " in DuckDB (" + e.getMessage() + "); SQL: " + filterRows.sql(), e);
    }
  }
}
