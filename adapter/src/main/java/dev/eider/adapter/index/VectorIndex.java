package dev.eider.adapter.index;

import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.IndexStats;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.SearchParams;
import dev.eider.lmdiskann.SearchResult;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;

/**
 * An LM-DiskANN index of one {@code FLOAT[n]} column, as the engine sees it: its declaration, its state
 * and the currently published graph. Searches run on the published view; a DML statement takes
 * {@link #writeLock()} for its whole DuckDB transaction (one writer per index).
 */
public final class VectorIndex {
  private final IndexDefinition definition;
  private final Path folder;
  private final ReentrantLock writeLock = new ReentrantLock();
  private volatile IndexState state;
  private volatile String stateDetail = "";
  private volatile double buildProgress;
  private volatile LmDiskannIndex graph;
  private volatile java.time.Instant lastMerge;

  VectorIndex(IndexDefinition definition, Path folder, IndexState state) {
    this.definition = definition;
    this.folder = folder;
    this.state = state;
  }

  public IndexDefinition definition() {
    return definition;
  }

  /** Index name (lower case). */
  public String name() {
    return definition.name();
  }

  /** DuckDB schema of the indexed table. */
  public String schemaName() {
    return definition.schema();
  }

  /** The indexed table's DuckDB name. */
  public String tableName() {
    return definition.table();
  }

  /** The indexed {@code FLOAT[n]} column. */
  public String column() {
    return definition.column();
  }

  /** The integer row-key column whose values the graph returns as {@code Neighbor.rowKey()}. */
  public String keyColumn() {
    return definition.keyColumn();
  }

  public IndexConfig config() {
    return definition.config();
  }

  public Metric metric() {
    return definition.config().metric();
  }

  /** Beam width of a search that does not ask for one. */
  public int defaultSearchL() {
    return definition.config().searchL();
  }

  /** Qualified DuckDB name of the lookup table ({@code row_key BIGINT, node_id INTEGER}). */
  public String lookupTable() {
    return definition.lookupTable();
  }

  /** The index folder, {@code <db file>.eider/<index name>/}. */
  public Path folder() {
    return folder;
  }

  public IndexState state() {
    return state;
  }

  /** Why the index is in its state (the validation failure of a BROKEN index), or empty. */
  public String stateDetail() {
    return stateDetail;
  }

  /** Fraction 0..1 of the running build (meaningful while BUILDING or REBUILDING). */
  public double buildProgress() {
    return buildProgress;
  }

  /** Whether a query may search the graph now; otherwise it must use exact search. */
  public boolean searchable() {
    return state.searchable() && graph != null;
  }

  /** Top-k search on the currently published view. */
  public SearchResult search(float[] query, SearchParams params) {
    return readyGraph().search(query, params);
  }

  /** Radius search on the currently published view, in the metric's user-facing distance. */
  public SearchResult radius(float[] query, float radius, SearchParams params) {
    return readyGraph().radius(query, radius, params);
  }

  /** Vectors a search can return (0 while the graph is not open). */
  public long liveCount() {
    LmDiskannIndex g = graph;
    return g == null ? 0 : g.stats().liveCount();
  }

  /** Block-cache hits / lookups since open, 0 when nothing was looked up. */
  public double cacheHitRatio() {
    return stats().map(s -> {
      long lookups = s.cacheHits() + s.cacheMisses();
      return lookups == 0 ? 0.0 : (double) s.cacheHits() / lookups;
    }).orElse(0.0);
  }

  /** The open graph's statistics, if it is open. */
  public Optional<IndexStats> stats() {
    LmDiskannIndex g = graph;
    return g == null ? Optional.empty() : Optional.of(g.stats());
  }

  /** When the journal was last merged into the graph file by this process, if it was. */
  public Optional<java.time.Instant> lastMerge() {
    return Optional.ofNullable(lastMerge);
  }

  private LmDiskannIndex readyGraph() {
    LmDiskannIndex g = graph;
    IndexState s = state;
    if (g == null || !s.searchable()) {
      throw new IllegalStateException("LM-DiskANN index " + name() + " is " + s
          + (stateDetail.isEmpty() ? "" : " (" + stateDetail + ")") + ": use exact search");
    }
    return g;
  }

  ReentrantLock writeLock() {
    return writeLock;
  }

  LmDiskannIndex graph() {
    return graph;
  }

  void markMerged(java.time.Instant when) {
    lastMerge = when;
  }

  void progress(double fraction) {
    buildProgress = fraction;
  }

  /** Publishes a newly opened graph (closing the one it replaces) and its state. */
  void publish(LmDiskannIndex opened, IndexState newState, String detail) throws IOException {
    LmDiskannIndex old = graph;
    graph = opened;
    state = newState;
    stateDetail = detail;
    if (old != null && old != opened) {
      old.close();
    }
  }

  void state(IndexState newState, String detail) {
    state = newState;
    stateDetail = detail;
  }

  @Override
  public String toString() {
    return "VectorIndex[" + name() + " ON " + definition.qualifiedTable() + " ("
        + column() + "), " + state + "]";
  }
}
