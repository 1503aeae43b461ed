package dev.eider.planner.cost;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What each {@link Strategy} costs, in estimated microseconds, for one query.
 *
 * <p>Inputs: {@code N} live vectors, {@code d} dimensions, {@code R} max degree, {@code L} search beam,
 * {@code k} rows wanted, {@code s} the sibling filter's selectivity (1 without a filter), {@code h} the
 * block cache's hit ratio.
 *
 * <pre>
 * block       = h * BLOCK_HIT + (1 - h) * BLOCK_MISS                  one node block
 * hop         = block + d * EXACT_PER_DIM + R * d * APPROX_PER_DIM     one visited node
 * visits(L)   = VISITS_PER_L * L + VISITS_BASE
 * scan        = FILTER_PER_ROW * N                                    DuckDB evaluates the filter
 * EXACT       = scan + s * N * d * DUCKDB_PER_DIM                      DuckDB top-k over the filtered rows
 * GRAPH       = visits(L) * hop + FETCH
 * FILTERED    = scan + s * N * BITMAP_PER_ROW
 *               + min(visits(L) / s, s * N) * hop + FETCH              the beam tunnels through rejected nodes
 * POST_FILTER = visits(max(L, OVERFETCH * k / s)) * hop
 *               + scan + 2 * FETCH                                    DuckDB checks the hits' keys, then fetches
 * </pre>
 *
 * <p>Calibrated with {@code PlannerBench} on fashion-mnist-784 (60k x 784, L2, R 64, ternary codes, L 100,
 * 2 shared cores): raw index search 2.3 ms (= visits(100) * hop), prepared statement 7.5 ms (FETCH is the
 * difference), DuckDB exact top-10 511 ms unfiltered and 59 ms at s = 0.1 (DUCKDB_PER_DIM), POST_FILTER at
 * s = 0.5 219 ms (FILTERED_FETCH_PER_DIM).
 */
public final class DiskannCostModel {
  /** Microseconds to read one block from the cache. */
  static final double BLOCK_HIT = 0.6;
  /** Microseconds to read one block from the graph file (page cache warm). */
  static final double BLOCK_MISS = 4.0;
  /** Microseconds per dimension of one exact float distance. */
  static final double EXACT_PER_DIM = 0.0006;
  /** Microseconds per dimension of one approximate (compressed code) distance. */
  static final double APPROX_PER_DIM = 0.00025;
  /** Visited nodes per unit of beam width. */
  static final double VISITS_PER_L = 1.3;
  static final double VISITS_BASE = 10;
  /** Microseconds DuckDB spends per row evaluating a simple filter. */
  static final double FILTER_PER_ROW = 0.02;
  /** Microseconds DuckDB spends per row per dimension computing an exact distance. */
  static final double DUCKDB_PER_DIM = 0.011;
  /** Microseconds per allowed row to ship its node id and set its bit. */
  static final double BITMAP_PER_ROW = 0.05;
  /** Microseconds of one DuckDB fetch of the result rows by key. */
  static final double FETCH = 5000;
  /** POST_FILTER asks the graph for this many times k / s rows. */
  public static final double OVERFETCH = 1.5;
  /** POST_FILTER is only considered above this selectivity (below it the over-fetch explodes). */
  static final double POST_FILTER_MIN_SELECTIVITY = 0.3;

  private final long n;
  private final int dims;
  private final int maxDegree;
  private final double cacheHitRatio;

  public DiskannCostModel(long liveVectors, int dimensions, int maxDegree, double cacheHitRatio) {
    this.n = Math.max(1, liveVectors);
    this.dims = dimensions;
    this.maxDegree = maxDegree;
    this.cacheHitRatio = cacheHitRatio;
  }

  /** The cost of every strategy that can answer a query with this filter (s = 1 and no filter: GRAPH). */
  public Map<Strategy, Double> costs(int k, int searchL, double selectivity, boolean filtered) {
    double s = Math.clamp(selectivity, 1.0 / n, 1.0);
    double scan = filtered ? FILTER_PER_ROW * n : 0;
    Map<Strategy, Double> costs = new EnumMap<>(Strategy.class);
    costs.put(Strategy.EXACT, scan + s * n * dims * DUCKDB_PER_DIM);
    if (!filtered) {
      costs.put(Strategy.GRAPH, visits(Math.max(searchL, k)) * hop() + FETCH);
      return costs;
    }
    double filteredVisits = Math.min(visits(Math.max(searchL, k)) / s, s * n);
    costs.put(Strategy.FILTERED_GRAPH, scan + s * n * BITMAP_PER_ROW + filteredVisits * hop() + FETCH);
    if (s >= POST_FILTER_MIN_SELECTIVITY) {
      costs.put(Strategy.POST_FILTER, visits(postFilterL(k, searchL, s)) * hop() + scan + 2 * FETCH);
    }
    return costs;
  }

  /** The cheapest strategy and its cost. */
  public Choice choose(int k, int searchL, double selectivity, boolean filtered) {
    Map<Strategy, Double> costs = costs(k, searchL, selectivity, filtered);
    Map.Entry<Strategy, Double> best = null;
    for (Map.Entry<Strategy, Double> entry : costs.entrySet()) {
      if (best == null || entry.getValue() < best.getValue()) {
        best = entry;
      }
    }
    return new Choice(best.getKey(), best.getValue());
  }

  /**
   * Once the allowed bitmap is built and its exact size known: whether finishing with DuckDB's exact
   * top-k is cheaper than the filtered graph search (the bitmap's cost is spent either way).
   */
  public Strategy cheaperOnceFiltered(int k, int searchL, double selectivity) {
    double s = Math.clamp(selectivity, 1.0 / n, 1.0);
    double exact = FILTER_PER_ROW * n + s * n * dims * DUCKDB_PER_DIM;
    double graph = Math.min(visits(Math.max(searchL, k)) / s, s * n) * hop() + FETCH;
    return exact < graph ? Strategy.EXACT : Strategy.FILTERED_GRAPH;
  }

  /** The beam width POST_FILTER searches with to keep k rows after filtering. */
  public static int postFilterL(int k, int searchL, double selectivity) {
    return (int) Math.max(searchL, Math.ceil(OVERFETCH * k / Math.max(selectivity, 1e-6)));
  }

  /** The model's constants and this index's cost of one visited node ({@code hop}), by name. */
  public Map<String, Double> terms() {
    Map<String, Double> terms = new LinkedHashMap<>();
    terms.put("hop", hop());
    terms.put("VISITS_PER_L", VISITS_PER_L);
    terms.put("VISITS_BASE", VISITS_BASE);
    terms.put("FETCH", FETCH);
    terms.put("FILTER_PER_ROW", FILTER_PER_ROW);
    terms.put("DUCKDB_PER_DIM", DUCKDB_PER_DIM);
    terms.put("BITMAP_PER_ROW", BITMAP_PER_ROW);
    return terms;
  }

  private double visits(int l) {
    return VISITS_PER_L * l + VISITS_BASE;
  }

  private double hop() {
    double block = cacheHitRatio * BLOCK_HIT + (1 - cacheHitRatio) * BLOCK_MISS;
    return block + dims * EXACT_PER_DIM + maxDegree * dims * APPROX_PER_DIM;
  }

  /** A strategy and its estimated microseconds. */
  public record Choice(Strategy strategy, double micros) {}
}
