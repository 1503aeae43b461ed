package dev.eider.adapter.index;

import dev.eider.lmdiskann.BuildProgress;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the phases of a build (reading the table, then the core's load / pass 1 / pass 2 / write, or
 * insert) into one 0..1 fraction on the index, and a log line with percent and rate every 10%.
 */
final class BuildProgressLog implements BuildProgress {
  private static final Logger LOG = LoggerFactory.getLogger(BuildProgressLog.class);
  /** Start and width of each phase in the overall fraction. */
  private static final Map<String, double[]> PHASES = Map.of(
      "read", new double[] {0.0, 0.10},
      "load", new double[] {0.10, 0.05},
      "pass 1", new double[] {0.15, 0.35},
      "pass 2", new double[] {0.50, 0.40},
      "write", new double[] {0.90, 0.10},
      "insert", new double[] {0.15, 0.85});

  private final VectorIndex index;
  private final long started = System.nanoTime();
  private int loggedDecile = -1;

  BuildProgressLog(VectorIndex index) {
    this.index = index;
  }

  @Override
  public synchronized void update(String phase, long done, long total) {
    double[] span = PHASES.getOrDefault(phase, new double[] {0.0, 0.0});
    double fraction = span[0] + span[1] * (total == 0 ? 1.0 : (double) done / total);
    index.progress(fraction);
    int decile = (int) (fraction * 10);
    if (decile > loggedDecile) {
      loggedDecile = decile;
      double seconds = (System.nanoTime() - started) / 1e9;
      LOG.info("Index {}: {}% ({} {}/{}, {} per second, {} s)", index.name(),
          Math.round(fraction * 100), phase, done, total,
          seconds > 0 ? Math.round(done / seconds) : 0, Math.round(seconds));
    }
  }
}
