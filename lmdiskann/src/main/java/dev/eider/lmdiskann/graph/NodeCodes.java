package dev.eider.lmdiskann.graph;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The writer's cache of node codes (a node's compressed vector as neighbor lists store it). An insert
 * stores the code of each of its up to R neighbors in the new block; encoding one (rotation, threshold,
 * bits) costs about as much as the insert's beam search, and successive inserts keep choosing among the
 * same nearby nodes. A code depends only on the node's vector, which changes only when an insert puts a
 * new vector into the slot: the writer replaces the entry then, and drops the entries of freed slots.
 * Least recently used entries go first once {@code capacity} is reached.
 */
final class NodeCodes {
    private final Map<Integer, byte[]> codes;

    NodeCodes(int capacity) {
        this.codes = new LinkedHashMap<>(Math.min(capacity, 1024), 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Integer, byte[]> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The cached code of {@code id}, or null. */
    byte[] get(int id) {
        return codes.get(id);
    }

    /** Caches {@code code} (not copied: the caller must not change it) as the code of {@code id}. */
    void put(int id, byte[] code) {
        codes.put(id, code);
    }

    void removeAll(Collection<Integer> ids) {
        for (int id : ids) {
            codes.remove(id);
        }
    }
}
