package dev.eider.server.avatica;

import java.time.Duration;

/**
 * The limits a server enforces on its clients.
 *
 * @param maxConnections open JDBC connections over all users; 0 for no limit
 * @param maxRows rows one result may return (larger results are cut short, as JDBC's setMaxRows does); 0 for
 *     no limit
 * @param statementTimeout the longest one execute or fetch may run; zero for no limit
 * @param idleTimeout a connection unused this long is closed
 */
public record ServerLimits(int maxConnections, long maxRows, Duration statementTimeout, Duration idleTimeout) {

  public ServerLimits {
    if (maxConnections < 0 || maxRows < 0) {
      throw new IllegalArgumentException("maximum connections and rows must be 0 (no limit) or positive");
    }
    if (statementTimeout.isNegative() || idleTimeout.isNegative() || idleTimeout.isZero()) {
      throw new IllegalArgumentException("the statement timeout must be zero or positive and the idle timeout"
          + " positive");
    }
  }

  /** The rows to allow a result for which the client asked {@code requested} (Avatica: -1 or 0 = all). */
  long capRows(long requested) {
    if (maxRows == 0) {
      return requested;
    }
    return requested <= 0 ? maxRows : Math.min(requested, maxRows);
  }
}
