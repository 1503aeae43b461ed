package dev.eider.adapter.index;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The LM-DiskANN indexes of one DuckDB database, by name. One registry per open database file, so
 * every connection and every planner rule sees the same index objects.
 */
public final class IndexRegistry {
  private final Map<String, VectorIndex> byName = new ConcurrentHashMap<>();
  private final SearchLog searches = new SearchLog(SearchLog.DEFAULT_CAPACITY);

  /** The index called {@code name} (case-insensitive). */
  public Optional<VectorIndex> byName(String name) {
    return Optional.ofNullable(byName.get(name.toLowerCase(Locale.ROOT)));
  }

  /** The index on column {@code column} of {@code schema.table} (DuckDB names, case-insensitive). */
  public Optional<VectorIndex> find(String schema, String table, String column) {
    return forTable(schema, table).stream()
        .filter(index -> index.column().equalsIgnoreCase(column))
        .findFirst();
  }

  /** Every index on {@code schema.table}. */
  public List<VectorIndex> forTable(String schema, String table) {
    List<VectorIndex> found = new ArrayList<>();
    for (VectorIndex index : byName.values()) {
      if (index.schemaName().equalsIgnoreCase(schema) && index.tableName().equalsIgnoreCase(table)) {
        found.add(index);
      }
    }
    return found;
  }

  /** Every index of the database, ordered by name. */
  public List<VectorIndex> all() {
    List<VectorIndex> all = new ArrayList<>(byName.values());
    all.sort((a, b) -> a.name().compareTo(b.name()));
    return all;
  }

  /** The last searches of this database's indexes ({@code sys.index_searches}). */
  public SearchLog searches() {
    return searches;
  }

  void add(VectorIndex index) {
    VectorIndex previous = byName.putIfAbsent(index.name(), index);
    if (previous != null && previous != index) {
      throw new IllegalStateException("index " + index.name() + " is already registered");
    }
  }

  void remove(VectorIndex index) {
    byName.remove(index.name(), index);
  }
}
