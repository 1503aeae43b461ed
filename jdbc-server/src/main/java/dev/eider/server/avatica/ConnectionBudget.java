package dev.eider.server.avatica;

import java.sql.SQLException;
import java.util.function.LongSupplier;

/** Refuses a new connection once the server holds its maximum number of open connections. */
final class ConnectionBudget {

  private final int maxConnections;
  private final LongSupplier openConnections;

  /**
   * @param maxConnections the limit, 0 for none
   * @param openConnections counts the connections open now (idle ones past their expiry excluded)
   */
  ConnectionBudget(int maxConnections, LongSupplier openConnections) {
    this.maxConnections = maxConnections;
    this.openConnections = openConnections;
  }

  /** Runs {@code opener} if the budget allows one more connection; one opening at a time. */
  void open(Runnable opener) {
    if (maxConnections == 0) {
      opener.run();
      return;
    }
    synchronized (this) {
      long open = openConnections.getAsLong();
      if (open >= maxConnections) {
        throw new RuntimeException(new SQLException("the server already has its maximum of " + maxConnections
            + " open connections (serve --max-connections); close idle connections or try again later",
            "53300"));
      }
      opener.run();
    }
  }
}
