package dev.eider.adapter.index;

import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.LmDiskannIndex;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;

/**
 * The index side of one DML statement. It holds the write lock of every index of the table and one
 * DuckDB connection (a reused {@link WriteSession}) in a transaction: the statement changes the base
 * table on {@link #session()},
 * reports each row change here, and {@link #commit()} writes the journal, lookup and counters of every
 * index into the same transaction before committing it. Searches see the statement's changes only once
 * DuckDB has committed them. Closing without a commit rolls everything back and reopens the touched
 * graphs from their (unchanged) journals, so nothing unpublished survives.
 *
 * <p>In an {@link IndexBatch} the statements of the batch share one write: each statement {@link
 * #join joins} it, and its {@link #commit()} and {@link #close()} only end its part; the batch
 * commits or rolls back the whole.
 */
public final class IndexWrite implements AutoCloseable {
  private final IndexManager manager;
  private final WriteSessions sessions;
  private final WriteSession session;
  private final List<VectorIndex> locked = new ArrayList<>();
  private final List<IndexTransaction> transactions = new ArrayList<>();
  private final List<LmDiskannIndex> deferred = new ArrayList<>();
  private final Set<VectorIndex> touched = new HashSet<>();
  /** Whether the DuckDB transaction was opened (it then ends with a commit or a rollback). */
  private boolean begun;
  private boolean committed;
  /** Whether a statement of a batch is running on this write (it does not commit it). */
  private boolean joined;
  /** Whether the joined statement committed its part. */
  private boolean joinedCommitted;
  /** Whether a statement of the batch failed: the write can then only roll back. */
  private boolean failed;

  IndexWrite(IndexManager manager, WriteSessions sessions, List<VectorIndex> indexes)
      throws SQLException {
    this.manager = manager;
    this.sessions = sessions;
    this.session = sessions.take();
    try {
      for (VectorIndex index : indexes) {
        index.writeLock().lock();
        locked.add(index);
        LmDiskannIndex graph = index.graph();
        if (graph != null) {
          graph.deferPublication();
          deferred.add(graph);
        }
        DuckDbJournal journal = index.journal();
        if (journal != null) {
          IndexTransaction transaction = new IndexTransaction(index.definition(), session);
          journal.bind(transaction);
          transactions.add(transaction);
        }
      }
      session.begin();
      begun = true;
    } catch (SQLException | RuntimeException e) {
      close();
      throw e;
    }
  }

  /**
   * The session (in a transaction) the statement must use for its base-table change; its prepared
   * statements outlive this write.
   */
  public WriteSession session() {
    return session;
  }

  /** Lets one more statement of a batch use this write; it must lock the same indexes. */
  void join(List<VectorIndex> indexes) {
    if (!indexes.equals(locked)) {
      throw new IllegalStateException("A batch runs one statement on one table, but this statement"
          + " changes the indexes " + names(indexes) + " and the batch " + names(locked));
    }
    if (failed) {
      throw new IllegalStateException("An earlier statement of the batch failed");
    }
    joined = true;
    joinedCommitted = false;
  }

  private static List<String> names(List<VectorIndex> indexes) {
    return indexes.stream().map(VectorIndex::name).toList();
  }

  /**
   * Runs {@code baseChange} (a statement on {@link #session()}) on the manager's side thread while
   * {@code indexChange} runs on this one, and returns the statement's result once both are done: the
   * base-table statement runs natively in DuckDB and the graph change in Java, so a row costs the
   * longer of the two instead of their sum. The graph stays on this thread, which holds its lock;
   * {@code indexChange} must not use the session meanwhile (graph changes only buffer their journal
   * and lookup rows, which {@link #commit()} writes). Either failure fails the call (the other one's
   * is attached as suppressed), and the caller's rollback then discards both.
   */
  public <T> T alongside(Callable<T> baseChange, Runnable indexChange) throws SQLException {
    Future<T> base = manager.sideThreads().submit(baseChange);
    Throwable indexFailure = null;
    try {
      indexChange.run();
    } catch (RuntimeException | Error e) {
      indexFailure = e;
    }
    T result = null;
    Throwable baseFailure = null;
    try {
      result = awaitUninterruptibly(base);
    } catch (ExecutionException e) {
      baseFailure = e.getCause();
    }
    if (baseFailure != null) {
      if (indexFailure != null) {
        baseFailure.addSuppressed(indexFailure);
      }
      if (baseFailure instanceof SQLException sql) {
        throw sql;
      }
      if (baseFailure instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new SQLException(baseFailure.getMessage(), baseFailure);
    }
    if (indexFailure instanceof Error error) {
      throw error;
    }
    if (indexFailure != null) {
      throw (RuntimeException) indexFailure;
    }
    return result;
  }

  /**
   * The result of {@code future}, waiting until it is done even if interrupted (the interrupt is kept):
   * the statement uses this write's connection, so it must be over before the write goes on.
   */
  private static <T> T awaitUninterruptibly(Future<T> future) throws ExecutionException {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return future.get();
        } catch (InterruptedException e) {
          interrupted = true;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** The locked indexes, ordered by name. */
  public List<VectorIndex> indexes() {
    return List.copyOf(locked);
  }

  /** Indexes the row {@code rowKey} whose vector is {@code vector} (any vector form; NULL: none). */
  public void insert(VectorIndex index, long rowKey, Object vector) {
    LmDiskannIndex graph = index.graph();
    if (graph == null || vector == null) {
      return;
    }
    touched.add(index);
    graph.insert(rowKey, Vectors.toFloats(vector, index.config().dimensions()));
  }

  /** Removes row {@code rowKey} from the index (nothing when it is not indexed). */
  public void delete(VectorIndex index, long rowKey) {
    LmDiskannIndex graph = index.graph();
    if (graph == null) {
      return;
    }
    touched.add(index);
    graph.delete(rowKey);
  }

  /** Writes the index changes into the transaction and commits it with the base-table change. */
  public void commit() throws SQLException {
    if (joined) {
      joinedCommitted = true;
      return;
    }
    if (failed) {
      throw new IllegalStateException("A statement of the batch failed: the batch cannot commit");
    }
    for (IndexTransaction transaction : transactions) {
      transaction.flush();
    }
    session.commit();
    committed = true;
    publishDeferred();
    for (VectorIndex index : touched) {
      manager.afterCommit(index);
    }
  }

  /** Ends deferred publication (after a commit; after a rollback the touched graphs were replaced). */
  private void publishDeferred() {
    for (LmDiskannIndex graph : deferred) {
      graph.publishDeferred();
    }
    deferred.clear();
  }

  @Override
  public void close() throws SQLException {
    if (joined) {
      failed |= !joinedCommitted;
      joined = false;
      return;
    }
    SQLException failure = null;
    boolean reusable = committed;
    try {
      if (begun && !committed) {
        session.rollback();
        reusable = true;
      }
    } catch (SQLException e) {
      failure = e;
    } finally {
      for (VectorIndex index : locked) {
        DuckDbJournal journal = index.journal();
        if (journal != null) {
          journal.bind(null);
        }
        if (!committed && touched.contains(index)) {
          manager.discardUncommitted(index);
        }
      }
      publishDeferred();
      for (int i = locked.size() - 1; i >= 0; i--) {
        locked.get(i).writeLock().unlock();
      }
      if (reusable) {
        sessions.give(session);
      } else {
        try {
          session.close();
        } catch (SQLException e) {
          if (failure == null) {
            failure = e;
          } else {
            failure.addSuppressed(e);
          }
        }
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
