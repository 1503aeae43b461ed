package dev.eider.planner.exec;

import dev.eider.adapter.index.IndexSearch;
import dev.eider.lmdiskann.SearchStats;
import dev.eider.planner.cost.Strategy;
import java.time.Instant;

/** What one execution of a scan did, gathered while it runs and logged to {@code sys.index_searches}. */
final class RunFigures {
  private final long startNanos = System.nanoTime();
  private Strategy strategy;
  private String graphStrategy;
  private Long allowedRows;
  private Integer k;
  private int searchL;
  private long nodesVisited;
  private long blocksFromDisk;
  private long cacheHits;
  private long distanceComputations;

  void strategy(Strategy used) {
    strategy = used;
  }

  /** LIMIT plus OFFSET, null for a radius scan without LIMIT. */
  void k(Integer rows) {
    k = rows;
  }

  void allowedRows(long rows) {
    allowedRows = rows;
  }

  /** Adds one graph search's cost (a scan may search more than once; the widest beam is kept). */
  void graph(int beam, SearchStats stats) {
    searchL = Math.max(searchL, beam);
    graphStrategy = stats.strategy().name();
    nodesVisited += stats.nodesVisited();
    blocksFromDisk += stats.blocksFromDisk();
    cacheHits += stats.blocksFromCache();
    distanceComputations += stats.distanceComputations();
  }

  IndexSearch finish(ScanSpec spec, long rows) {
    return new IndexSearch(Instant.now(), spec.index().name(), spec.strategy().name(),
        strategy == null ? spec.strategy().name() : strategy.name(), graphStrategy, k, searchL == 0 ? spec.searchL() : searchL,
        allowedRows, nodesVisited, blocksFromDisk, cacheHits, distanceComputations, rows,
        (System.nanoTime() - startNanos) / 1e6);
  }
}
