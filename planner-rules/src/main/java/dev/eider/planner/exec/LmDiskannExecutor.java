package dev.eider.planner.exec;

import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.AllowedIds;
import dev.eider.lmdiskann.Neighbor;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.SearchResult;
import dev.eider.planner.cost.DiskannCostModel;
import dev.eider.planner.cost.Strategy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.roaringbitmap.RoaringBitmap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one {@code LmDiskannScan}: query vector, allowed-node bitmap (when the strategy needs it), graph
 * search or DuckDB top-k, one DuckDB fetch of the result rows by key. Rows are the table's columns then
 * the distance, nearest first; OFFSET and LIMIT are applied here.
 */
public final class LmDiskannExecutor {
  private static final Logger LOG = LoggerFactory.getLogger(LmDiskannExecutor.class);
  /** The distance column of the exact DuckDB query. */
  private static final String DISTANCE = "\"eider_distance\"";

  private final ScanSpec spec;
  private final RowReader reader;

  public LmDiskannExecutor(ScanSpec spec) {
    this.spec = spec;
    this.reader = new RowReader(spec.tableRowType());
  }

  /** Called by the generated code of the scan. */
  public Enumerable<Object[]> execute(DataContext context) {
    int offset = spec.offset() == null ? 0 : intValue(spec.offset(), context, "OFFSET");
    int fetch = spec.fetch() == null ? Integer.MAX_VALUE : intValue(spec.fetch(), context, "LIMIT");
    int wanted = (int) Math.min(Integer.MAX_VALUE, (long) offset + fetch);
    if (spec.postFiltered()) {
      return new PostFilterRows(this, context, wanted);
    }
    List<Object[]> rows = search(context, wanted, false);
    return Linq4j.asEnumerable(
        rows.subList(Math.min(offset, rows.size()), Math.min(rows.size(), wanted)));
  }

  /**
   * One search, logged to {@code sys.index_searches}: the {@code wanted} nearest rows (every row within
   * the radius of a radius scan), nearest first.
   *
   * @param exhaustive whether DuckDB's exact search must answer whatever the planned strategy
   */
  List<Object[]> search(DataContext context, int wanted, boolean exhaustive) {
    try (Connection duckDb = spec.database().connect()) {
      RunFigures figures = new RunFigures();
      figures.k(spec.fetch() == null || wanted == Integer.MAX_VALUE ? null : wanted);
      float[] query = spec.queryVector().evaluate(context, duckDb);
      Float radius = spec.radius() == null ? null
          : spec.radius().value(context, "the radius").floatValue();
      List<Object[]> rows = new Run(context, duckDb, query, wanted, radius, figures).rows(exhaustive);
      spec.database().indexes().searches().add(figures.finish(spec, rows.size()));
      return rows;
    } catch (SQLException e) {
      throw new IllegalStateException("LM-DiskANN scan on index " + spec.index().name()
          + " failed in DuckDB: " + e.getMessage(), e);
    }
  }

  ScanSpec spec() {
    return spec;
  }

  private static int intValue(Argument argument, DataContext context, String what) {
    Number value = argument.value(context, what);
    if (value.longValue() < 0) {
      throw new IllegalArgumentException(what + " must not be negative, got " + value);
    }
    return (int) Math.min(Integer.MAX_VALUE, value.longValue());
  }

  /** One execution. */
  private final class Run {
    private final DataContext context;
    private final Connection duckDb;
    private final float[] query;
    private final int wanted;
    private final Float radius;
    private final RunFigures figures;

    Run(DataContext context, Connection duckDb, float[] query, int wanted, Float radius,
        RunFigures figures) {
      this.figures = figures;
      this.context = context;
      this.duckDb = duckDb;
      this.query = query;
      this.wanted = wanted;
      this.radius = radius;
    }

    List<Object[]> rows(boolean exhaustive) throws SQLException {
      if (wanted == 0) {
        return List.of();
      }
      if (exhaustive) {
        figures.strategy(Strategy.EXACT);
        return exact();
      }
      if (!spec.index().searchable()) {
        LOG.warn("LM-DiskANN index {} is {}: answering with exact search", spec.index().name(),
            spec.index().state());
        figures.strategy(Strategy.EXACT);
        return exact();
      }
      figures.strategy(spec.strategy());
      return switch (spec.strategy()) {
        case EXACT -> exact();
        case GRAPH -> fetch(graph(null, spec.searchL(), wanted));
        case POST_FILTER -> postFilter();
        case FILTERED_GRAPH -> filteredGraph();
      };
    }

    private List<Object[]> postFilter() throws SQLException {
      int want = DiskannCostModel.postFilterL(wanted, 0, spec.selectivity());
      int searchL = Math.max(spec.searchL(), want);
      List<Neighbor> hits = graph(null, searchL, want);
      Set<Long> kept = keptByFilter(hits);
      List<Neighbor> passing = hits.stream().filter(hit -> kept.contains(hit.rowKey()))
          .limit(wanted).toList();
      return passing.size() >= wanted ? fetch(passing) : filteredGraph();
    }

    /**
     * The keys of {@code hits} the sibling filter keeps. Only the key is selected, so DuckDB reads the
     * key and filter columns and not the rows' vectors.
     */
    private Set<Long> keptByFilter(List<Neighbor> hits) throws SQLException {
      if (hits.isEmpty()) {
        return Set.of();
      }
      BoundSql rows = spec.filterRows();
      String sql = "SELECT f." + spec.keyColumn() + " FROM (" + rows.sql() + ") AS f WHERE f."
          + spec.keyColumn() + " IN (" + keys(hits) + ")";
      Set<Long> kept = new HashSet<>();
      try (PreparedStatement statement = duckDb.prepareStatement(sql)) {
        Statements.bind(statement, rows.values(this::parameter), 1);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            kept.add(rs.getLong(1));
          }
        }
      }
      return kept;
    }

    private List<Object[]> filteredGraph() throws SQLException {
      figures.strategy(Strategy.FILTERED_GRAPH);
      RoaringBitmap allowed = allowedNodes();
      figures.allowedRows(allowed.getLongCardinality());
      if (allowed.isEmpty()) {
        return List.of();
      }
      DiskannCostModel model = new DiskannCostModel(spec.index().liveCount(), spec.dimensions(),
          spec.index().config().maxDegree(), spec.index().cacheHitRatio());
      double selectivity = allowed.getLongCardinality() / (double) Math.max(1, spec.index().liveCount());
      Strategy confirmed = model.cheaperOnceFiltered(
          Math.min(wanted, 10_000), spec.searchL(), selectivity);
      if (confirmed == Strategy.EXACT) {
        figures.strategy(Strategy.EXACT);
        return exact();
      }
      return fetch(graph(AllowedIds.of(allowed), spec.searchL(), wanted));
    }

    private List<Neighbor> graph(AllowedIds allowed, int searchL, int k) {
      SearchParams params = new SearchParams(Math.max(1, Math.min(k, Integer.MAX_VALUE - 1)),
          searchL, allowed, 0);
      SearchResult result = radius == null
          ? spec.index().search(query, params)
          : spec.index().radius(query, radius, params);
      figures.graph(searchL, result.stats());
      List<Neighbor> hits = new ArrayList<>();
      for (Neighbor hit : result.neighbors()) {
        if (radius == null || hit.distance() < radius
            || spec.radiusInclusive() && hit.distance() == radius) {
          hits.add(hit);
        }
      }
      return hits;
    }

    private RoaringBitmap allowedNodes() throws SQLException {
      BoundSql rows = spec.filterRows();
      String sql = "SELECT node_id FROM " + spec.index().lookupTable()
          + " WHERE row_key IN (SELECT f." + spec.keyColumn() + " FROM (" + rows.sql() + ") AS f)";
      RoaringBitmap bitmap = new RoaringBitmap();
      try (PreparedStatement statement = duckDb.prepareStatement(sql)) {
        Statements.bind(statement, rows.values(this::parameter), 1);
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            bitmap.add(rs.getInt(1));
          }
        }
      }
      return bitmap;
    }

    /** The rows of {@code hits}, nearest first (a row deleted since the search is left out). */
    private List<Object[]> fetch(List<Neighbor> hits) throws SQLException {
      if (hits.isEmpty()) {
        return List.of();
      }
      String sql = "SELECT * FROM " + spec.table() + " WHERE " + spec.keyColumn() + " IN ("
          + keys(hits) + ")";
      Map<Long, Object[]> byKey = new HashMap<>();
      try (PreparedStatement statement = duckDb.prepareStatement(sql)) {
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[reader.columns() + 1];
            reader.read(rs, row);
            byKey.put(((Number) row[spec.keyField()]).longValue(), row);
          }
        }
      }
      List<Object[]> rows = new ArrayList<>(byKey.size());
      for (Neighbor hit : hits) {
        Object[] row = byKey.get(hit.rowKey());
        if (row != null) {
          row[reader.columns()] = (double) hit.distance();
          rows.add(row);
        }
      }
      return rows;
    }

    private static String keys(List<Neighbor> hits) {
      StringBuilder keys = new StringBuilder();
      for (Neighbor hit : hits) {
        keys.append(keys.isEmpty() ? "" : ",").append(hit.rowKey());
      }
      return keys.toString();
    }

    /** DuckDB's top-k (or every row in the radius) over the filtered rows: the exact answer. */
    private List<Object[]> exact() throws SQLException {
      BoundSql source = spec.filterRows() != null ? spec.filterRows() : plainRows();
      String sql = "SELECT * FROM (SELECT f.*, " + spec.distanceFunction() + "(f."
          + spec.vectorColumn() + ", CAST(? AS FLOAT[" + spec.dimensions() + "])) AS " + DISTANCE
          + " FROM (" + source.sql() + ") AS f) AS e WHERE " + DISTANCE + " IS NOT NULL"
          + (radius == null ? "" : " AND " + DISTANCE + (spec.radiusInclusive() ? " <= ?" : " < ?"))
          + " ORDER BY " + DISTANCE + ", e." + spec.keyColumn()
          + (wanted == Integer.MAX_VALUE ? "" : " LIMIT " + wanted);
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement statement = duckDb.prepareStatement(sql)) {
        statement.setString(1, Vectors.toText(query));
        int next = Statements.bind(statement, source.values(this::parameter), 2);
        if (radius != null) {
          statement.setFloat(next, radius);
        }
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[reader.columns() + 1];
            reader.read(rs, row);
            row[reader.columns()] = (double) rs.getFloat(reader.columns() + 1);
            rows.add(row);
          }
        }
      }
      return rows;
    }

    private BoundSql plainRows() {
      return new BoundSql("SELECT * FROM " + spec.table(), List.of());
    }

    private Object parameter(int index) {
      return context.get("?" + index);
    }
  }
}
