package dev.eider.server.jdbc;

import java.sql.Statement;
import java.util.Arrays;

/**
 * An element of an {@code executeBatch} failed. The message names the element (1-based) and the
 * error, and says what stays: nothing of a batch that changed an indexed table (it ran as one
 * transaction), the elements before the failing one otherwise.
 */
final class BatchElementException extends IllegalStateException {
  private final long[] keptCounts;

  /**
   * Element {@code index} (0-based) of a batch of {@code size} failed with {@code cause}; {@code
   * counts} holds the update counts of the elements before it.
   */
  BatchElementException(int index, int size, long[] counts, boolean atomic,
      RuntimeException cause) {
    super("Batch element " + (index + 1) + " of " + size + " failed: "
        + DuckDbErrors.clarify(cause).getMessage() + (atomic
            ? "\n(the batch runs as one transaction: none of its elements were applied)"
            : index == 0 ? "" : "\n(elements 1 to " + index + " were applied and stay committed)"),
        cause);
    if (atomic) {
      keptCounts = new long[size];
      Arrays.fill(keptCounts, Statement.EXECUTE_FAILED);
    } else {
      keptCounts = Arrays.copyOf(counts, index);
    }
  }

  /**
   * The update counts {@link java.sql.BatchUpdateException} reports: those of the elements before the
   * failing one, or {@link Statement#EXECUTE_FAILED} for every element of a batch that was discarded.
   */
  long[] keptCounts() {
    return keptCounts.clone();
  }
}
