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
 * EXACT       = N * d * DUCKDB_PER_DIM                                 DuckDB top-k, no filter
 *             = scan + EXACT_FILTERED_BASE                            DuckDB top-k over the filtered rows
 *               + s * N * (d * DUCKDB_PER_DIM + EXACT_PER_ROW)
 * GRAPH       = visits(L) * hop + FETCH
 * FILTERED    = scan + s * N * BITMAP_PER_ROW
 *               + min(visits(L) / s, s * N) * hop + FETCH              the beam tunnels through rejected nodes
 * POST_FILTER = visits(max(L, OVERFETCH * k / s)) * hop
 *               + scan + 2 * FETCH                                    DuckDB checks the hits' keys, then fetches
 * </pre>
 *
 * <p>Calibration: {@code ./eider planner-bench} prints, after its table, each term measured on its
 * table and index beside the model's value (how each is measured: {@code CostCalibration} in
 * jdbc-server). The constants below are the mean of two runs on fashion-mnist-784 (60k x 784, L2, R 64,
 * L 100) on 2 cores shared with other builds, which varied up to 4x between runs (hop 3.3 and 12.9 us,
 * FETCH 2.2 and 4.8 ms, DUCKDB_PER_DIM 0.0134 and 0.0095 us); EXACT_FILTERED_BASE and EXACT_PER_ROW fit
 * DuckDB's filtered top-10 at 0.1%, 1% and 10% (8.6, 16.8 and 85.6 ms: a filtered top-k costs more than
 * its distances, DuckDB materialises each passing row's vector). Hop is split into its terms by keeping
 * the block and exact-distance terms and fitting APPROX_PER_DIM. The benchmark's choices hold over that
 * whole range: with either run's constants the chosen strategy is the same, and at least 1.8 times
 * cheaper than the next one, except FILTERED_GRAPH against EXACT at 1% and 0.1% (1.1 and 1.3 times with
 * the slower run's constants).
 */
public final class DiskannCostModel {
  /** Microseconds to read one block from the cache. */
  static final double BLOCK_HIT = 0.6;
  /** Microseconds to read one block from the graph file (page cache warm). */
  static final double BLOCK_MISS = 4.0;
  /** Microseconds per dimension of one exact float distance. */
  static final double EXACT_PER_DIM = 0.0006;
  /** Microseconds per dimension of one approximate (compressed code) distance. */
  static final double APPROX_PER_DIM = 0.00014;
  /** Visited nodes per unit of beam width. */
  static final double VISITS_PER_L = 0.92;
  static final double VISITS_BASE = 10;
  /** Microseconds DuckDB spends per row evaluating a simple filter. */
  static final double FILTER_PER_ROW = 0.017;
  /** Microseconds DuckDB spends per row per dimension computing an exact distance. */
  static final double DUCKDB_PER_DIM = 0.0115;
  /** Microseconds DuckDB's top-k spends on a filter, beyond scanning it: reaching the passing rows. */
  static final double EXACT_FILTERED_BASE = 7000;
  /** Microseconds DuckDB's filtered top-k spends per passing row beyond its distance. */
  static final double EXACT_PER_ROW = 4;
  /** Microseconds per allowed row to ship its node id and set its bit (the lookup-table join). */
  static final double BITMAP_PER_ROW = 0.5;
  /** Microseconds of one DuckDB fetch of the result rows by key. */
  static final double FETCH = 3500;
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
    costs.put(Strategy.EXACT, exact(s, filtered));
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
    double exact = exact(s, true);
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
    terms.put("EXACT_FILTERED_BASE", EXACT_FILTERED_BASE);
    terms.put("EXACT_PER_ROW", EXACT_PER_ROW);
    return terms;
  }

  private double exact(double s, boolean filtered) {
    return filtered
        ? FILTER_PER_ROW * n + EXACT_FILTERED_BASE + s * n * (dims * DUCKDB_PER_DIM + EXACT_PER_ROW)
        : n * dims * DUCKDB_PER_DIM;
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
