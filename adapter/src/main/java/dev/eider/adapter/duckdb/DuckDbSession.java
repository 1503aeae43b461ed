package dev.eider.adapter.duckdb;

import java.nio.file.Path;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The DuckDB databases one Eider connection uses: opened through the shared registry while the
 * connection's schemas are built, released together when the connection closes.
 */
public final class DuckDbSession implements AutoCloseable {
  private final DuckDbDatabases registry;
  private final List<DuckDbDatabases.Lease> leases = new ArrayList<>();

  public DuckDbSession(DuckDbDatabases registry) {
    this.registry = registry;
  }

  /** The shared database of {@code file}, held until this session closes. */
  public synchronized DuckDbDatabase open(Path file) throws SQLException {
    DuckDbDatabases.Lease lease = registry.acquire(file);
    leases.add(lease);
    return lease.database();
  }

  @Override
  public synchronized void close() throws SQLException {
    SQLException failure = null;
    for (DuckDbDatabases.Lease lease : leases) {
      try {
        lease.close();
      } catch (SQLException e) {
        if (failure == null) {
          failure = e;
        } else {
          failure.addSuppressed(e);
        }
      }
    }
    leases.clear();
    if (failure != null) {
      throw failure;
    }
  }
}
