package dev.eider.planner;

import dev.eider.adapter.sql.EiderConvertletTable;
import dev.eider.adapter.sql.EiderSqlValidator;
import dev.eider.adapter.sql.VectorOperators;
import dev.eider.adapter.sql.VectorParametersAsText;
import dev.eider.adapter.sql.VectorRexBuilder;
import dev.eider.planner.rules.LmDiskannHints;
import dev.eider.planner.rules.LmDiskannRule;
import org.apache.calcite.plan.hep.HepMatchOrder;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.sql2rel.SqlToRelConverter;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import java.lang.reflect.Type;
import java.util.Properties;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.sql.parser.SqlParser;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.java.JavaTypeFactory;
import org.apache.calcite.interpreter.BindableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.util.Util;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.sql.SqlOperatorTable;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.sql.util.SqlOperatorTables;
import org.apache.calcite.sql.validate.SqlValidator;
import org.apache.calcite.sql2rel.SqlRexConvertletTable;

/**
 * Eider's statement preparation: Calcite's, with the vector operators in the validator's operator
 * table, Eider's validator ({@link EiderSqlValidator}) and convertlets ({@link EiderConvertletTable}).
 *
 * <p>The LM-DiskANN rules ({@link LmDiskannRule}) run in a heuristic (HEP) phase before Calcite's
 * standard program. Why not in the cost-based phase: the JDBC convention's pushdown rules also want
 * the Sort/Project/Filter over a DuckDB scan, and comparing a graph search with a pushed-down DuckDB
 * query needs Eider's own cost model (selectivity from DuckDB, block reads, cache hits), which
 * Calcite's row-count costs cannot express. The rule applies that model itself and keeps DuckDB's
 * exact top-k as the EXACT strategy of the scan, so a rewrite never loses against the pushdown.
 * Running first also means sub-queries are still {@code RexSubQuery}s that translate to DuckDB SQL.
 */
public class EiderPrepare extends CalcitePrepareImpl {
  /**
   * Connection property: the beam width of index scans without an {@code LM_DISKANN(search_l=...)}
   * hint. Precedence: hint, then this property, then the index's {@code search_l} option.
   */
  public static final String SEARCH_L_PROPERTY = "search_l";

  public EiderPrepare() {}

  /**
   * The connection's default beam width from its properties, 0 when not set.
   *
   * @throws IllegalArgumentException when it is not a positive integer
   */
  public static int defaultSearchL(Properties properties) {
    String value = properties.getProperty(SEARCH_L_PROPERTY);
    return value == null ? 0
        : LmDiskannHints.parseSearchL(value, "connection property " + SEARCH_L_PROPERTY);
  }

  @Override
  protected SqlParser createParser(String sql, SqlParser.Config parserConfig) {
    return super.createParser(HintText.quoteOptionValues(sql), parserConfig);
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.@Nullable Context externalContext,
      @Nullable RelOptCostFactory costFactory) {
    RelOptPlanner planner = super.createPlanner(prepareContext, externalContext, costFactory);
    planner.setExecutor(new VectorLiteralExecutor(
        Util.first(planner.getExecutor(), RexUtil.EXECUTOR)));
    return planner;
  }

  @Override
  protected SqlRexConvertletTable createConvertletTable() {
    return new EiderConvertletTable();
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    JavaTypeFactory typeFactory = context.getTypeFactory();
    EnumerableRel.Prefer prefer = elementType == Object[].class
        ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM;
    Convention resultConvention =
        enableBindable ? BindableConvention.INSTANCE : EnumerableConvention.INSTANCE;
    return new EiderPreparingStmt(this, context, catalogReader, typeFactory, prefer,
        createCluster(planner, new VectorRexBuilder(typeFactory)), resultConvention,
        createConvertletTable());
  }

  /** The operator table of Eider statements: the connection's (standard) functions plus vectors. */
  static SqlOperatorTable operatorTable(CalcitePrepare.Context context,
      CalciteCatalogReader catalogReader) {
    SqlOperatorTable standard =
        context.config().fun(SqlOperatorTable.class, SqlStdOperatorTable.instance());
    return SqlOperatorTables.chain(List.of(standard, VectorOperators.TABLE, catalogReader));
  }

  /** Creates the validator the way Calcite does, but with Eider's operator table and validator. */
  static SqlValidator validator(CalcitePrepare.Context context, CalciteCatalogReader catalogReader,
      UnaryOperator<SqlValidator.Config> configTransform) {
    CalciteConnectionConfig connectionConfig = context.config();
    SqlValidator.Config config = configTransform.apply(SqlValidator.Config.DEFAULT
        .withLenientOperatorLookup(connectionConfig.lenientOperatorLookup())
        .withConformance(connectionConfig.conformance())
        .withDefaultNullCollation(connectionConfig.defaultNullCollation())
        .withIdentifierExpansion(true));
    JavaTypeFactory typeFactory = context.getTypeFactory();
    return new EiderSqlValidator(operatorTable(context, catalogReader), catalogReader, typeFactory,
        config);
  }

  /** Calcite's preparing statement with Eider's validator. */
  private static final class EiderPreparingStmt extends CalcitePreparingStmt {
    private final CalcitePrepare.Context context;

    EiderPreparingStmt(EiderPrepare prepare, CalcitePrepare.Context context,
        CalciteCatalogReader catalogReader, JavaTypeFactory typeFactory,
        EnumerableRel.Prefer prefer, RelOptCluster cluster, Convention resultConvention,
        SqlRexConvertletTable convertletTable) {
      super(prepare, context, catalogReader, typeFactory, context.getRootSchema(), prefer, cluster,
          resultConvention, convertletTable);
      this.context = context;
    }

    @Override
    protected Program getProgram() {
      HepProgramBuilder hep = new HepProgramBuilder().addMatchOrder(HepMatchOrder.TOP_DOWN)
          .addRuleCollection(LmDiskannRule.all(defaultSearchL()));
      Program vectorParameters = (planner, rel, traits, materializations, lattices) ->
          VectorParametersAsText.rewrite(rel);
      return Programs.sequence(vectorParameters,
          Programs.of(hep.build(), true, DefaultRelMetadataProvider.INSTANCE),
          super.getProgram());
    }

    /** The connection's {@link #SEARCH_L_PROPERTY}, 0 when not set (or no connection). */
    private int defaultSearchL() {
      return context.getDataContext().getQueryProvider() instanceof CalciteConnection connection
          ? EiderPrepare.defaultSearchL(connection.getProperties()) : 0;
    }

    @Override
    protected SqlToRelConverter getSqlToRelConverter(SqlValidator validator,
        Prepare.CatalogReader catalogReader, SqlToRelConverter.Config config) {
      return super.getSqlToRelConverter(validator, catalogReader,
          config.withHintStrategyTable(LmDiskannHints.strategies()));
    }

    @Override
    protected SqlValidator createSqlValidator(Prepare.CatalogReader catalogReader,
        UnaryOperator<SqlValidator.Config> configTransform) {
      return validator(context, (CalciteCatalogReader) catalogReader, configTransform);
    }
  }
}
