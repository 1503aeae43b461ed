package dev.eider.adapter.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;

/**
 * Reference-counted registry of open DuckDB databases: one {@link DuckDbDatabase} per file, shared by
 * every Eider connection that uses the file, closed when the last of them closes.
 *
 * <p>An instance is owned by whoever hands out Eider connections (the embedded JDBC driver, which is a
 * process-wide singleton by nature); there is deliberately no static registry.
 */
public final class DuckDbDatabases {
  private final Map<Path, Entry> open = new HashMap<>();

  /** Opens the database of {@code file} or shares the already open one; release it with the lease. */
  public synchronized Lease acquire(Path file) throws SQLException {
    Path key = file.toAbsolutePath().normalize();
    Entry entry = open.get(key);
    if (entry == null) {
      entry = new Entry(DuckDbDatabase.open(key));
      open.put(key, entry);
    }
    entry.users++;
    return new Lease(this, entry.database);
  }

  /** Number of database files currently open. */
  public synchronized int openCount() {
    return open.size();
  }

  private synchronized void release(DuckDbDatabase database) throws SQLException {
    Path key = database.file();
    Entry entry = open.get(key);
    if (entry == null || entry.database != database) {
      return;
    }
    if (--entry.users == 0) {
      open.remove(key);
      database.close();
    }
  }

  private static final class Entry {
    final DuckDbDatabase database;
    int users;

    Entry(DuckDbDatabase database) {
      this.database = database;
    }
  }

  /** One user's hold on an open database. Closing it twice is harmless. */
  public static final class Lease implements AutoCloseable {
    private final DuckDbDatabases registry;
    private final DuckDbDatabase database;
    private boolean released;

    private Lease(DuckDbDatabases registry, DuckDbDatabase database) {
      this.registry = registry;
      this.database = database;
    }

    public DuckDbDatabase database() {
      return database;
    }

    @Override
    public synchronized void close() throws SQLException {
      if (!released) {
        released = true;
        registry.release(database);
      }
    }
  }
}
