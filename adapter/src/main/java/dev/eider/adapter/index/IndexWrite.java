package dev.eider.adapter.index;

import dev.eider.adapter.vector.Vectors;
import dev.eider.lmdiskann.LmDiskannIndex;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The index side of one DML statement. It holds the write lock of every index of the table and one
 * DuckDB connection (a reused {@link WriteSession}) in a transaction: the statement changes the base
 * table on {@link #session()},
 * reports each row change here, and {@link #commit()} writes the journal, lookup and counters of every
 * index into the same transaction before committing it. Searches see the statement's changes only once
 * DuckDB has committed them. Closing without a commit rolls everything back and reopens the touched
 * graphs from their (unchanged) journals, so nothing unpublished survives.
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
