package dev.eider.planner.exec;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerator;

/**
 * The rows of a scan whose query has a conjunct DuckDB cannot evaluate (applied by Calcite above the
 * scan), nearest first, for as long as the consumer pulls them. The LIMIT above stops pulling once k
 * rows passed the conjunct, so the scan cannot know in advance how many to search for: it searches for
 * {@link #FIRST_BATCH} times k, and each time those run out searches again for {@link #GROWTH} times
 * more, skipping rows already given; once a batch would cover a large part of the index, DuckDB's exact
 * search gives all remaining rows. A query therefore gets k rows whenever k rows pass the conjunct.
 *
 * <p>A wider search may find a row nearer than rows already given; it is still given (the rows before
 * it were consumed already), so the stream is nearest first only approximately and the plan keeps a
 * sort of the k rows above the LIMIT.
 */
final class PostFilterRows extends AbstractEnumerable<Object[]> {
  /** The first search asks for this many times k rows. */
  static final int FIRST_BATCH = 4;
  /** Each further search asks for this many times more rows than the previous one. */
  static final int GROWTH = 4;
  /** A batch of more than this fraction of the live vectors is answered by exact search. */
  static final double EXHAUSTIVE_FRACTION = 0.25;

  private final LmDiskannExecutor executor;
  private final DataContext context;
  private final int k;

  PostFilterRows(LmDiskannExecutor executor, DataContext context, int k) {
    this.executor = executor;
    this.context = context;
    this.k = k;
  }

  @Override
  public Enumerator<Object[]> enumerator() {
    return new Batches();
  }

  private final class Batches implements Enumerator<Object[]> {
    private final Set<Object> given = new HashSet<>();
    private List<Object[]> batch = List.of();
    private int next;
    private long asked;
    private boolean exhausted;
    private Object[] current;

    @Override
    public Object[] current() {
      return current;
    }

    @Override
    public boolean moveNext() {
      while (next >= batch.size()) {
        if (exhausted || k == 0) {
          return false;
        }
        searchMore();
      }
      current = batch.get(next++);
      return true;
    }

    private void searchMore() {
      asked = asked == 0 ? (long) k * FIRST_BATCH : asked * GROWTH;
      boolean exhaustive = asked > EXHAUSTIVE_FRACTION * executor.spec().index().liveCount();
      int wanted = exhaustive ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE - 1, asked);
      List<Object[]> rows = executor.search(context, wanted, exhaustive);
      exhausted = exhaustive || rows.size() < wanted;
      int keyField = executor.spec().keyField();
      batch = new ArrayList<>();
      next = 0;
      for (Object[] row : rows) {
        if (given.add(row[keyField])) {
          batch.add(row);
        }
      }
    }

    @Override
    public void reset() {
      given.clear();
      batch = List.of();
      next = 0;
      asked = 0;
      exhausted = false;
    }

    @Override
    public void close() {
      batch = List.of();
    }
  }
}
