package dev.eider.adapter.index;

/** Where an LM-DiskANN index is in its life; shown in {@code sys.indexes}. */
public enum IndexState {
  /** CREATE INDEX is reading the table and building the graph; queries use exact search. */
  BUILDING,
  /** Searchable and maintained by every DML statement. */
  READY,
  /** The graph is being rebuilt from the table (ALTER INDEX REBUILD, or after it was found BROKEN). */
  REBUILDING,
  /** The graph or its journal failed validation; queries fall back to exact search until a rebuild. */
  BROKEN;

  /** Whether a search may use the graph. */
  public boolean searchable() {
    return this == READY;
  }
}
