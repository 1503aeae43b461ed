package dev.eider.lmdiskann;

/**
 * Row key to node id, needed to delete by row key. The SQL adapter keeps it in a DuckDB lookup table; the core
 * ships {@link InMemoryRowKeyMap}. Called only by the index's single writer and at open.
 */
public interface RowKeyMap {

    int NO_NODE = -1;

    /** The node holding {@code rowKey}, or {@link #NO_NODE}. */
    int nodeOf(long rowKey);

    void put(long rowKey, int nodeId);

    void remove(long rowKey);
}
