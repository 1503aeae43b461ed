package dev.eider.adapter.index;

import java.sql.SQLException;
import java.util.List;

/**
 * A JDBC batch ({@code executeBatch}) on one thread: the DML statements it runs on indexed tables of
 * one database share one {@link IndexWrite}, so the whole batch is one DuckDB transaction and one
 * journal flush, and it is kept or discarded as a whole. The first statement that changes an indexed
 * table opens the write; {@link #commit()} commits it; closing without a commit rolls it back.
 */
public final class IndexBatch implements AutoCloseable {
  /** Opens the shared write for the indexes of the first statement. */
  interface WriteOpener {
    IndexWrite open(List<VectorIndex> ordered) throws SQLException;
  }

  private final WriteOpener opener;
  private final Runnable onClose;
  private IndexWrite write;

  IndexBatch(WriteOpener opener, Runnable onClose) {
    this.opener = opener;
    this.onClose = onClose;
  }

  /** The shared write, opened on first use, joined by one more statement. */
  IndexWrite join(List<VectorIndex> ordered) throws SQLException {
    if (write == null) {
      write = opener.open(ordered);
    }
    write.join(ordered);
    return write;
  }

  /** Whether a statement of the batch changed an indexed table (the batch is then all or nothing). */
  public boolean changedIndexedTable() {
    return write != null;
  }

  /** Commits every change the batch's statements made to indexed tables. */
  public void commit() throws SQLException {
    if (write != null) {
      write.commit();
    }
  }

  @Override
  public void close() throws SQLException {
    try {
      if (write != null) {
        write.close();
      }
    } finally {
      onClose.run();
    }
  }
}
