package dev.eider.planner.rules;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.sql.VectorFunction;
import dev.eider.adapter.sql.VectorOperators;
import dev.eider.lmdiskann.Metric;
import dev.eider.planner.exec.Argument;
import java.math.BigDecimal;
import java.util.Map;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeUtil;

/** Recognises distance expressions and radius conditions the index can answer. */
final class VectorPredicates {
  private static final Map<VectorFunction, Metric> METRICS = Map.of(
      VectorOperators.L2_DISTANCE, Metric.L2,
      VectorOperators.COSINE_DISTANCE, Metric.COSINE,
      VectorOperators.NEGATIVE_INNER_PRODUCT, Metric.INNER_PRODUCT);
  private static final Map<Metric, String> DUCKDB_FUNCTIONS = Map.of(
      Metric.L2, "array_distance",
      Metric.COSINE, "array_cosine_distance",
      Metric.INNER_PRODUCT, "array_negative_inner_product");

  private VectorPredicates() {}

  /**
   * A distance between a column and a query-constant vector.
   *
   * @param call   the whole distance expression
   * @param metric its metric
   * @param column the column's position in the scan
   * @param query  the constant side
   */
  record Distance(RexCall call, Metric metric, int column, RexNode query) {
    String duckDbFunction() {
      return DUCKDB_FUNCTIONS.get(metric);
    }
  }

  /**
   * A radius condition {@code distance < r} or {@code distance <= r}.
   *
   * @param distance  the distance
   * @param radius    the radius
   * @param inclusive whether it is {@code <=}
   */
  record Radius(Distance distance, Argument radius, boolean inclusive) {}

  /** {@code node} as a column-to-constant distance, or null. */
  static Distance distance(RexNode node, DuckDbDatabase database) {
    if (!(node instanceof RexCall call) || !(call.getOperator() instanceof VectorFunction function)
        || !METRICS.containsKey(function) || call.getOperands().size() != 2) {
      return null;
    }
    for (int side = 0; side < 2; side++) {
      RexNode column = call.getOperands().get(side);
      RexNode other = call.getOperands().get(1 - side);
      if (column instanceof RexInputRef ref && DuckDbSql.constantFor(other, database)) {
        return new Distance(call, METRICS.get(function), ref.getIndex(), other);
      }
    }
    return null;
  }

  /** {@code conjunct} as a radius condition, or null. */
  static Radius radius(RexNode conjunct, DuckDbDatabase database) {
    if (!(conjunct instanceof RexCall call) || call.getOperands().size() != 2) {
      return null;
    }
    SqlKind kind = call.getKind();
    RexNode left = call.getOperands().get(0);
    RexNode right = call.getOperands().get(1);
    if (kind == SqlKind.GREATER_THAN || kind == SqlKind.GREATER_THAN_OR_EQUAL) {
      RexNode swap = left;
      left = right;
      right = swap;
      kind = kind.reverse();
    }
    if (kind != SqlKind.LESS_THAN && kind != SqlKind.LESS_THAN_OR_EQUAL) {
      return null;
    }
    Distance distance = distance(left, database);
    Argument radius = argument(right);
    if (distance == null || radius == null) {
      return null;
    }
    return new Radius(distance, radius, kind == SqlKind.LESS_THAN_OR_EQUAL);
  }

  /** A literal number or a bind parameter, or null. */
  static Argument argument(RexNode node) {
    RexNode bare = node;
    while (bare instanceof RexCall cast && cast.getKind() == SqlKind.CAST) {
      bare = cast.getOperands().getFirst();
    }
    if (bare instanceof RexLiteral literal && SqlTypeUtil.isNumeric(literal.getType())
        && !literal.isNull()) {
      return Argument.literal(literal.getValueAs(BigDecimal.class));
    }
    if (bare instanceof RexDynamicParam param) {
      return Argument.parameter(param.getIndex());
    }
    return null;
  }
}
