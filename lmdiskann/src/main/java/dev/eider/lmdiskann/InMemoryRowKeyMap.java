package dev.eider.lmdiskann;

import java.util.Arrays;

/** Open-addressing long to int map: about 24 bytes per row at the default load, no boxing. */
public final class InMemoryRowKeyMap implements RowKeyMap {

    private static final long EMPTY = Long.MIN_VALUE;

    private long[] keys;
    private int[] values;
    private int size;

    public InMemoryRowKeyMap() {
        allocate(1024);
    }

    private void allocate(int capacity) {
        keys = new long[capacity];
        values = new int[capacity];
        Arrays.fill(keys, EMPTY);
        size = 0;
    }

    private static int slot(long key, int mask) {
        long h = key * 0x9E3779B97F4A7C15L;
        return (int) (h ^ (h >>> 32)) & mask;
    }

    @Override
    public synchronized int nodeOf(long rowKey) {
        int mask = keys.length - 1;
        for (int i = slot(rowKey, mask); ; i = (i + 1) & mask) {
            if (keys[i] == rowKey) {
                return values[i];
            }
            if (keys[i] == EMPTY) {
                return NO_NODE;
            }
        }
    }

    @Override
    public synchronized void put(long rowKey, int nodeId) {
        if (rowKey == EMPTY) {
            throw new IllegalArgumentException("row key " + EMPTY + " is reserved");
        }
        if ((size + 1) * 4L >= keys.length * 3L) {
            long[] oldKeys = keys;
            int[] oldValues = values;
            allocate(keys.length * 2);
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    insert(oldKeys[i], oldValues[i]);
                }
            }
        }
        insert(rowKey, nodeId);
    }

    private void insert(long key, int value) {
        int mask = keys.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            if (keys[i] == key) {
                values[i] = value;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = key;
                values[i] = value;
                size++;
                return;
            }
        }
    }

    @Override
    public synchronized void remove(long rowKey) {
        int mask = keys.length - 1;
        int i = slot(rowKey, mask);
        while (keys[i] != rowKey) {
            if (keys[i] == EMPTY) {
                return;
            }
            i = (i + 1) & mask;
        }
        keys[i] = EMPTY;
        size--;
        // Re-place the rest of the probe run so later lookups do not stop at the hole.
        for (int j = (i + 1) & mask; keys[j] != EMPTY; j = (j + 1) & mask) {
            long k = keys[j];
            int v = values[j];
            keys[j] = EMPTY;
            size--;
            insert(k, v);
        }
    }

    public synchronized int size() {
        return size;
    }
}
