package dev.eider.planner.rules;

import dev.eider.planner.exec.LmDiskannExecutor;
import dev.eider.planner.exec.ScanSpec;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.AbstractRelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The LM-DiskANN index scan: allowed-node bitmap from the sibling filters (evaluated in DuckDB), graph
 * search (or DuckDB's exact top-k when that is cheaper), one DuckDB fetch of the result rows by key.
 * Outputs the table's columns and then the distance, nearest first.
 */
public final class LmDiskannScan extends AbstractRelNode implements EnumerableRel {
  private final ScanSpec spec;
  private final RelDataType rowType;
  private final String filterSql;
  private final List<String> postFilter;
  private final double costMicros;

  LmDiskannScan(RelOptCluster cluster, RelTraitSet traits, RelDataType rowType, ScanSpec spec,
      String filterSql, List<String> postFilter, double costMicros) {
    super(cluster, traits);
    this.rowType = rowType;
    this.spec = spec;
    this.filterSql = filterSql == null ? null : filterSql.replaceAll("\\s+", " ");
    this.postFilter = List.copyOf(postFilter);
    this.costMicros = costMicros;
  }

  public ScanSpec spec() {
    return spec;
  }

  @Override
  protected RelDataType deriveRowType() {
    return rowType;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw)
        .item("index", spec.index().name())
        .item("metric", spec.index().metric().name().toLowerCase(java.util.Locale.ROOT))
        .itemIf("k", spec.fetch(), spec.fetch() != null)
        .itemIf("offset", spec.offset(), spec.offset() != null)
        .itemIf("radius", (spec.radiusInclusive() ? "<= " : "< ") + spec.radius(),
            spec.radius() != null)
        .item("search_l", spec.searchL())
        .itemIf("filter", filterSql, filterSql != null)
        .itemIf("post_filter", postFilter, !postFilter.isEmpty())
        .item("selectivity", String.format(java.util.Locale.ROOT, "%.4g", spec.selectivity()))
        .item("strategy", spec.strategy())
        .item("cost", String.format(java.util.Locale.ROOT, "%.0fus", costMicros));
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return spec.fetch() != null && spec.fetch().parameter() < 0
        ? spec.fetch().literal().doubleValue() : 100;
  }

  @Override
  public @Nullable RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(estimateRowCount(mq), costMicros, costMicros);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(),
        JavaRowFormat.ARRAY, false);
    Expression executor = implementor.stash(new LmDiskannExecutor(spec), LmDiskannExecutor.class);
    return implementor.result(physType, Blocks.toBlock(
        Expressions.call(executor, "execute", implementor.getRootExpression())));
  }
}
