package dev.eider.planner.rules;

import dev.eider.adapter.DuckDbTable;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.planner.exec.Argument;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelCollation;
import org.apache.calcite.rel.RelCollations;
import org.apache.calcite.rel.RelFieldCollation;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.hint.Hintable;
import org.apache.calcite.rel.hint.RelHint;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalProject;
import org.apache.calcite.rel.logical.LogicalSort;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexShuttle;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.tools.RelBuilderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rewrites a k-NN or radius query over an LM-DiskANN-indexed DuckDB table into an
 * {@link LmDiskannScan}. Shapes: {@code Sort(fetch) [Project] [Filter] Scan} with the single
 * ascending sort key a distance of the index metric between the indexed column and a query constant;
 * {@code [Project] Filter(distance < r AND ...) Scan}. Runs in a HEP phase before the cost-based
 * phase (see {@code EiderPrepare}) so the JDBC pushdown rules never see these nodes.
 */
public final class LmDiskannRule extends RelRule<LmDiskannRule.Config> {
  private static final Logger LOG = LoggerFactory.getLogger(LmDiskannRule.class);

  LmDiskannRule(Config config) {
    super(config);
  }

  /** Top-k: Sort(fetch) over [Project] over [Filter] over a scan. */
  public static final LmDiskannRule TOP_K = new LmDiskannRule(Config.of(Shape.TOP_K, "LmDiskannRule(TopK)",
      b -> b.operand(LogicalSort.class).anyInputs()));
  /** Radius under a projection: Project over Filter over a scan. */
  public static final LmDiskannRule RADIUS_PROJECT = new LmDiskannRule(Config.of(Shape.RADIUS, "LmDiskannRule(RadiusProject)",
      b -> b.operand(LogicalProject.class).anyInputs()));
  /** Radius: Filter over a scan. */
  public static final LmDiskannRule RADIUS = new LmDiskannRule(Config.of(Shape.RADIUS, "LmDiskannRule(Radius)",
      b -> b.operand(LogicalFilter.class).anyInputs()));

  /**
   * Every rule, in the order the HEP phase applies them.
   *
   * @param defaultSearchL the connection's beam width for scans without a hint, 0 for the index's own
   */
  public static List<RelOptRule> all(int defaultSearchL) {
    List<RelOptRule> rules = new ArrayList<>();
    for (LmDiskannRule rule : List.of(TOP_K, RADIUS_PROJECT, RADIUS)) {
      rules.add(rule.config.withDefaultSearchL(defaultSearchL).toRule());
    }
    return rules;
  }

  enum Shape { TOP_K, RADIUS }

  @Override
  public void onMatch(RelOptRuleCall call) {
    RelNode top = call.rel(0);
    Sort sort = config.shape() == Shape.TOP_K ? (Sort) top : null;
    RelNode input = sort != null ? sort.getInput().stripped() : top;
    Project project = input instanceof Project p ? p : null;
    input = project != null ? project.getInput().stripped() : input;
    Filter filter = input instanceof Filter f ? f : null;
    input = filter != null ? filter.getInput().stripped() : input;
    Project trim = input instanceof Project p && p.getInput().stripped() instanceof TableScan
        && p.getProjects().stream().allMatch(RexInputRef.class::isInstance) ? p : null;
    input = trim != null ? trim.getInput().stripped() : input;
    if (!(input instanceof TableScan scan)) {
      return;
    }
    DuckDbTable table = scan.getTable().unwrap(DuckDbTable.class);
    if (table == null || table.vectorIndexes().isEmpty()) {
      return;
    }
    LmDiskannHints hints = LmDiskannHints.of(hints(sort, project, filter, trim, scan));
    if (hints.forbidden()) {
      return;
    }
    List<RexNode> projects = project == null ? null : underTrim(project.getProjects(), trim);
    RexNode condition = filter == null ? null
        : underTrim(List.of(filter.getCondition()), trim).getFirst();
    rewrite(sort, project, projects, condition, trim, scan, table, hints)
        .ifPresent(call::transformTo);
  }

  /**
   * Expressions over the trimming projection Calcite puts above a scan (only column references),
   * rewritten over the scan's own columns.
   */
  private static List<RexNode> underTrim(List<RexNode> expressions, Project trim) {
    if (trim == null) {
      return expressions;
    }
    List<RexNode> pushed = new ArrayList<>();
    for (RexNode expression : expressions) {
      pushed.add(RelOptUtil.pushPastProject(expression, trim));
    }
    return pushed;
  }

  private Optional<RelNode> rewrite(Sort sort, Project project, List<RexNode> projects,
      RexNode condition, Project trim, TableScan scan, DuckDbTable table, LmDiskannHints hints) {
    var database = table.schema().database();
    VectorPredicates.Distance distance = null;
    Argument fetch = null;
    Argument offset = null;
    if (sort != null) {
      RelCollation collation = sort.getCollation();
      if (sort.fetch == null || project == null || collation.getFieldCollations().size() != 1) {
        return Optional.empty();
      }
      RelFieldCollation key = collation.getFieldCollations().getFirst();
      if (key.direction != RelFieldCollation.Direction.ASCENDING) {
        return Optional.empty();
      }
      distance = VectorPredicates.distance(projects.get(key.getFieldIndex()), database);
      fetch = VectorPredicates.argument(sort.fetch);
      offset = sort.offset == null ? null : VectorPredicates.argument(sort.offset);
      if (distance == null || fetch == null || sort.offset != null && offset == null) {
        return Optional.empty();
      }
    }
    VectorPredicates.Radius radius = null;
    List<RexNode> siblings = new ArrayList<>();
    List<RexNode> residual = new ArrayList<>();
    for (RexNode conjunct : condition == null ? List.<RexNode>of()
        : RelOptUtil.conjunctions(condition)) {
      VectorPredicates.Radius r = radius == null ? VectorPredicates.radius(conjunct, database) : null;
      if (r != null && (distance == null || r.distance().call().equals(distance.call()))) {
        radius = r;
      } else if (DuckDbSql.translatable(conjunct, database)) {
        siblings.add(conjunct);
      } else {
        residual.add(conjunct);
      }
    }
    if (distance == null && radius == null) {
      return Optional.empty();
    }
    distance = distance != null ? distance : radius.distance();
    String column = scan.getRowType().getFieldNames().get(distance.column());
    Optional<VectorIndex> found = table.vectorIndex(column);
    if (found.isEmpty() || found.get().metric() != distance.metric()) {
      return Optional.empty();
    }
    VectorIndex index = found.get();
    if (!index.searchable()) {
      LOG.warn("LM-DiskANN index {} is {}: the query on {} uses exact search", index.name(),
          index.state(), index.tableName());
      return Optional.empty();
    }
    int searchL = hints.searchL() > 0 ? hints.searchL()
        : config.defaultSearchL() > 0 ? config.defaultSearchL() : index.defaultSearchL();
    LmDiskannScan indexScan = ScanBuilder.build(scan, table, index, distance, fetch, offset,
        radius, siblings, residual, searchL, hints.strategy());
    RexBuilder rexBuilder = scan.getCluster().getRexBuilder();
    RelNode result = indexScan;
    if (!residual.isEmpty()) {
      result = LogicalFilter.create(result, RexUtil.composeConjunction(rexBuilder, residual));
    }
    if (project != null) {
      RexInputRef distanceRef = rexBuilder.makeInputRef(indexScan, indexScan.getRowType().getFieldCount() - 1);
      RexShuttle replace = new ReplaceDistance(distance.call(), distanceRef);
      result = LogicalProject.create(result, project.getHints(), replace.apply(projects),
          project.getRowType().getFieldNames(), project.getVariablesSet());
    }
    if (sort != null && !residual.isEmpty()) {
      // The scan streams rows nearest first and the filter keeps their order: a plain LIMIT (no
      // collation) pulls only as many as it needs, where a sort would drain the stream.
      result = LogicalSort.create(result, RelCollations.EMPTY, sort.offset, sort.fetch);
    }
    if (sort == null && project == null) {
      List<RexNode> columns = new ArrayList<>();
      for (int i = 0; i < scan.getRowType().getFieldCount(); i++) {
        columns.add(rexBuilder.makeInputRef(result, i));
      }
      RelNode source = trim != null ? trim : scan;
      result = LogicalProject.create(result, List.of(),
          trim != null ? trim.getProjects() : columns, source.getRowType().getFieldNames(),
          java.util.Set.of());
    }
    return Optional.of(result);
  }

  private static List<RelHint> hints(RelNode... nodes) {
    List<RelHint> hints = new ArrayList<>();
    for (RelNode node : nodes) {
      if (node instanceof Hintable hintable) {
        hints.addAll(hintable.getHints());
      }
    }
    return hints;
  }

  /** Replaces a distance expression by the scan's distance column. */
  private static final class ReplaceDistance extends RexShuttle {
    private final RexCall distance;
    private final RexInputRef column;

    ReplaceDistance(RexCall distance, RexInputRef column) {
      this.distance = distance;
      this.column = column;
    }

    @Override
    public RexNode visitCall(RexCall call) {
      return call.equals(distance) ? column : super.visitCall(call);
    }
  }

  /**
   * Rule configuration: which shape the operands describe.
   *
   * @param shape           top-k or radius
   * @param operands        the operand tree
   * @param description     the rule's name in planner traces
   * @param relBuilders     the RelBuilder factory
   * @param defaultSearchL  beam width without a hint (the connection's {@code search_l}), 0 for the
   *                        index's own option
   */
  public record Config(Shape shape, OperandTransform operands, String description,
      RelBuilderFactory relBuilders, int defaultSearchL) implements RelRule.Config {

    static Config of(Shape shape, String description, OperandTransform operands) {
      return new Config(shape, operands, description, RelFactories.LOGICAL_BUILDER, 0);
    }

    Config withDefaultSearchL(int searchL) {
      return new Config(shape, operands, description, relBuilders, searchL);
    }

    @Override
    public RelBuilderFactory relBuilderFactory() {
      return relBuilders;
    }

    @Override
    public OperandTransform operandSupplier() {
      return operands;
    }

    @Override
    public Config withRelBuilderFactory(RelBuilderFactory factory) {
      return new Config(shape, operands, description, factory, defaultSearchL);
    }

    @Override
    public Config withDescription(String newDescription) {
      return new Config(shape, operands, newDescription, relBuilders, defaultSearchL);
    }

    @Override
    public Config withOperandSupplier(OperandTransform transform) {
      return new Config(shape, transform, description, relBuilders, defaultSearchL);
    }

    @Override
    public LmDiskannRule toRule() {
      return new LmDiskannRule(this);
    }
  }
}
