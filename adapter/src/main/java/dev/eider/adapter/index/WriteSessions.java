package dev.eider.adapter.index;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The idle {@link WriteSession}s of one database. A write takes one (or opens a new one) and gives it
 * back when its transaction has ended cleanly; a session whose transaction could not be ended is
 * closed instead. {@link #invalidate()} (after an index's tables were dropped) closes the idle sessions
 * and makes those in use close on return, so no statement prepared against the old tables survives.
 */
final class WriteSessions implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WriteSessions.class);
  /** Idle sessions kept beyond this are closed: one per concurrent writer is all that is reused. */
  private static final int MAX_IDLE = 4;

  private final DuckDbDatabase database;
  private final Deque<WriteSession> idle = new ArrayDeque<>();
  private long generation;
  private boolean closed;

  WriteSessions(DuckDbDatabase database) {
    this.database = database;
  }

  /** An idle session, or a new one on a new connection. */
  WriteSession take() throws SQLException {
    long current;
    synchronized (this) {
      if (closed) {
        throw new SQLException("The database " + database.file() + " is closed");
      }
      WriteSession session = idle.pollFirst();
      if (session != null) {
        return session;
      }
      current = generation;
    }
    return new WriteSession(database.connect(), current);
  }

  /** Takes back {@code session}, whose transaction has ended; closes it when it is not reusable. */
  void give(WriteSession session) {
    synchronized (this) {
      if (!closed && session.generation() == generation && idle.size() < MAX_IDLE) {
        idle.addFirst(session);
        return;
      }
    }
    closeQuietly(session);
  }

  /** Closes the idle sessions; sessions taken before are closed when given back. */
  void invalidate() {
    for (WriteSession session : drain(false)) {
      closeQuietly(session);
    }
  }

  private synchronized List<WriteSession> drain(boolean close) {
    generation++;
    closed |= close;
    List<WriteSession> drained = new ArrayList<>(idle);
    idle.clear();
    return drained;
  }

  private static void closeQuietly(WriteSession session) {
    try {
      session.close();
    } catch (SQLException e) {
      LOG.warn("Closing an index write connection failed: {}", e.getMessage());
    }
  }

  @Override
  public void close() {
    for (WriteSession session : drain(true)) {
      closeQuietly(session);
    }
  }
}
