package dev.eider.server.jdbc;

import dev.eider.adapter.index.IndexBatch;
import dev.eider.adapter.index.IndexManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.calcite.avatica.Meta.ExecuteResult;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Runs the elements of an {@code executeBatch} one after the other inside an {@link IndexBatch} of
 * every database the connection reads, so that the elements that change indexed tables share one
 * DuckDB transaction, which commits after the last element and rolls back when one fails.
 */
final class BatchExecution {
  /** Runs one element of the batch with its parameter values. */
  interface Element {
    ExecuteResult execute(List<TypedValue> parameterValues) throws NoSuchStatementException;
  }

  private BatchExecution() {}

  /** The update count of each element; a failing element throws {@link BatchElementException}. */
  static long[] run(Collection<IndexManager> managers, List<List<TypedValue>> parameterValues,
      Element element) throws NoSuchStatementException {
    List<IndexBatch> batches = new ArrayList<>();
    long[] counts;
    try {
      for (IndexManager manager : managers) {
        batches.add(manager.beginBatch());
      }
      counts = runElements(parameterValues, element, batches);
      for (IndexBatch batch : batches) {
        batch.commit();
      }
    } catch (SQLException e) {
      RuntimeException failure = new IllegalStateException("The batch failed to commit, so none of"
          + " its elements were applied: " + e.getMessage(), e);
      suppressClosing(failure, batches);
      throw failure;
    } catch (NoSuchStatementException | RuntimeException e) {
      suppressClosing(e, batches);
      throw e;
    }
    RuntimeException closing = closeAll(batches);
    if (closing != null) {
      throw closing;
    }
    return counts;
  }

  private static long[] runElements(List<List<TypedValue>> parameterValues, Element element,
      List<IndexBatch> batches) throws NoSuchStatementException {
    long[] counts = new long[parameterValues.size()];
    for (int i = 0; i < counts.length; i++) {
      try {
        ExecuteResult result = element.execute(parameterValues.get(i));
        counts[i] = result.resultSets.size() == 1 ? result.resultSets.get(0).updateCount : -1;
      } catch (RuntimeException e) {
        boolean atomic = batches.stream().anyMatch(IndexBatch::changedIndexedTable);
        throw new BatchElementException(i, counts.length, counts, atomic, e);
      }
    }
    return counts;
  }

  private static void suppressClosing(Exception failure, List<IndexBatch> batches) {
    RuntimeException closing = closeAll(batches);
    if (closing != null) {
      failure.addSuppressed(closing);
    }
  }

  /** Ends every batch (rolling back one that was not committed); returns what failed, if anything. */
  private static RuntimeException closeAll(List<IndexBatch> batches) {
    RuntimeException failure = null;
    for (IndexBatch batch : batches) {
      try {
        batch.close();
      } catch (SQLException | RuntimeException e) {
        RuntimeException wrapped = new IllegalStateException("Ending a batch failed: "
            + e.getMessage(), e);
        if (failure == null) {
          failure = wrapped;
        } else {
          failure.addSuppressed(wrapped);
        }
      }
    }
    return failure;
  }
}
