package dev.eider.lmdiskann.graph;

import java.util.Arrays;
import java.util.function.ObjIntConsumer;

/** Open-addressing map from node id to block bytes; no boxing on lookup. Not thread-safe while being filled. */
final class BlockMap {

    private static final int EMPTY = -1;

    private int[] keys;
    private byte[][] values;
    private int size;

    BlockMap(int expected) {
        int capacity = Integer.highestOneBit(Math.max(8, expected * 2) - 1) << 1;
        keys = new int[capacity];
        values = new byte[capacity][];
        Arrays.fill(keys, EMPTY);
    }

    BlockMap copy(int extra) {
        BlockMap copy = new BlockMap(size + extra);
        forEach((block, id) -> copy.put(id, block));
        return copy;
    }

    int size() {
        return size;
    }

    byte[] get(int id) {
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == id) {
                return values[i];
            }
            if (k == EMPTY) {
                return null;
            }
        }
    }

    void put(int id, byte[] block) {
        if ((size + 1) * 2 > keys.length) {
            int[] oldKeys = keys;
            byte[][] oldValues = values;
            keys = new int[oldKeys.length * 2];
            values = new byte[oldKeys.length * 2][];
            Arrays.fill(keys, EMPTY);
            size = 0;
            for (int i = 0; i < oldKeys.length; i++) {
                if (oldKeys[i] != EMPTY) {
                    put(oldKeys[i], oldValues[i]);
                }
            }
        }
        int mask = keys.length - 1;
        for (int i = mix(id) & mask; ; i = (i + 1) & mask) {
            if (keys[i] == id) {
                values[i] = block;
                return;
            }
            if (keys[i] == EMPTY) {
                keys[i] = id;
                values[i] = block;
                size++;
                return;
            }
        }
    }

    void forEach(ObjIntConsumer<byte[]> action) {
        for (int i = 0; i < keys.length; i++) {
            if (keys[i] != EMPTY) {
                action.accept(values[i], keys[i]);
            }
        }
    }

    private static int mix(int v) {
        int h = v * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
