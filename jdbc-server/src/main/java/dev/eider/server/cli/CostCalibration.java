package dev.eider.server.cli;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.index.VectorIndex;
import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.AllowedIds;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.SearchResult;
import dev.eider.planner.cost.DiskannCostModel;
import dev.eider.planner.cost.Strategy;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.roaringbitmap.RoaringBitmap;

/**
 * Measures, on the benchmark's table and index, what each term of {@link DiskannCostModel} costs on
 * this machine, and prints the constant each measurement implies beside the one in the model. This is
 * how the model's constants are calibrated: run the benchmark, copy the measured values.
 *
 * <ul>
 *   <li>{@code hop}: raw {@code index.search} time / nodes visited (unfiltered, default search_l);
 *   <li>{@code VISITS_PER_L}: (nodes visited - VISITS_BASE) / search_l;
 *   <li>{@code FETCH}: prepared statement time - raw search time (the DuckDB fetch by key plus
 *       Calcite's execution);
 *   <li>{@code FILTER_PER_ROW}: DuckDB {@code count(*) WHERE p10} time / N;
 *   <li>{@code DUCKDB_PER_DIM}: DuckDB's exact top-10 over all rows, time / (N * d);
 *   <li>{@code EXACT_BASE}: DuckDB's exact top-10 under a 1% or 0.1% filter, less the model's
 *       filter scan and distances (a filtered top-k costs more than its distances);
 *   <li>{@code BITMAP_PER_ROW}: the allowed-node query at 50% (lookup join) minus the filter scan,
 *       per allowed row;
 *   <li>{@code FILTERED_VISITS}: nodes a filtered search visits at 10% and 1%, against the model's
 *       {@code visits(L) / s}.
 * </ul>
 */
final class CostCalibration {
  private static final int ROUNDS = 20;

  private final DuckDbDatabase database;
  private final VectorIndex index;
  private final List<float[]> queries;
  private final PrintWriter out;

  CostCalibration(DuckDbDatabase database, VectorIndex index, List<float[]> queries, PrintWriter out) {
    this.database = database;
    this.index = index;
    this.queries = queries.subList(0, Math.min(ROUNDS, queries.size()));
    this.out = out;
  }

  void print(PlannerBenchCommand.Overhead overhead) throws Exception {
    long n = index.liveCount();
    int d = index.config().dimensions();
    int l = index.defaultSearchL();
    DiskannCostModel costModel = new DiskannCostModel(n, d, index.config().maxDegree(),
        index.cacheHitRatio());
    Map<String, Double> model = costModel.terms();
    double visits = 0;
    long nanos = 0;
    for (float[] q : queries) {
      long s = System.nanoTime();
      SearchResult result = index.search(q, SearchParams.top(10));
      nanos += System.nanoTime() - s;
      visits += result.stats().nodesVisited();
    }
    visits /= queries.size();
    double rawMicros = nanos / 1e3 / queries.size();
    out.println("| constant | measured | model |");
    out.println("|---|---|---|");
    row("hop (us per visited node)", rawMicros / visits, model.get("hop"));
    row("VISITS_PER_L", (visits - model.get("VISITS_BASE")) / l, model.get("VISITS_PER_L"));
    row("FETCH (us)", (overhead.preparedMillis() - overhead.rawMillis()) * 1e3, model.get("FETCH"));
    try (Connection duck = database.connect()) {
      double filterMicros = micros(duck, "SELECT count(*) FROM fm WHERE p10", false);
      row("FILTER_PER_ROW (us)", filterMicros / n, model.get("FILTER_PER_ROW"));
      double exactMicros = micros(duck, "SELECT id FROM fm ORDER BY array_distance(emb, CAST(? AS FLOAT["
          + d + "])) LIMIT 10", true);
      row("DUCKDB_PER_DIM (us)", exactMicros / n / d, model.get("DUCKDB_PER_DIM"));
      for (String filter : List.of("p10", "p1", "p01")) {
        double filtered = micros(duck, "SELECT id FROM fm WHERE " + filter
            + " ORDER BY array_distance(emb, CAST(? AS FLOAT[" + d + "])) LIMIT 10", true);
        double s = count(duck, filter) / (double) n;
        row("EXACT at " + filter + " (us)", filtered,
            costModel.costs(10, l, s, true).get(Strategy.EXACT));
      }
      String allowed = "SELECT node_id FROM " + index.lookupTable()
          + " WHERE row_key IN (SELECT id FROM fm WHERE %s)";
      double bitmapMicros = micros(duck, allowed.formatted("p50"), false);
      row("BITMAP_PER_ROW (us)", (bitmapMicros - filterMicros) / (0.5 * n), model.get("BITMAP_PER_ROW"));
      for (String filter : List.of("p10", "p1")) {
        RoaringBitmap bitmap = bitmap(duck, allowed.formatted(filter));
        double s = bitmap.getLongCardinality() / (double) n;
        double filteredVisits = 0;
        for (float[] q : queries) {
          filteredVisits += index.search(q, new SearchParams(10, l, AllowedIds.of(bitmap), 0))
              .stats().nodesVisited();
        }
        double modelVisits = Math.min((model.get("VISITS_PER_L") * l + model.get("VISITS_BASE")) / s, s * n);
        row("filtered visits at " + filter, filteredVisits / queries.size(), modelVisits);
      }
    }
  }

  private void row(String name, double measured, double model) {
    out.printf(Locale.ROOT, "| %s | %.4g | %.4g |%n", name, measured, model);
  }

  /** Average microseconds of {@code sql} (reading every row), bound to each query vector if asked. */
  private double micros(Connection duck, String sql, boolean vector) throws Exception {
    try (PreparedStatement statement = duck.prepareStatement(sql)) {
      long nanos = 0;
      for (int round = -2; round < queries.size(); round++) {
        if (vector) {
          statement.setString(1, Vectors.toText(queries.get(Math.max(0, round))));
        }
        long s = System.nanoTime();
        try (ResultSet rs = statement.executeQuery()) {
          while (rs.next()) {
            rs.getObject(1);
          }
        }
        if (round >= 0) {
          nanos += System.nanoTime() - s;
        }
      }
      return nanos / 1e3 / queries.size();
    }
  }

  private static long count(Connection duck, String filter) throws Exception {
    try (PreparedStatement statement = duck.prepareStatement("SELECT count(*) FROM fm WHERE " + filter);
        ResultSet rs = statement.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  private static RoaringBitmap bitmap(Connection duck, String sql) throws Exception {
    RoaringBitmap bitmap = new RoaringBitmap();
    try (PreparedStatement statement = duck.prepareStatement(sql); ResultSet rs = statement.executeQuery()) {
      while (rs.next()) {
        bitmap.add(rs.getInt(1));
      }
    }
    return bitmap;
  }
}
