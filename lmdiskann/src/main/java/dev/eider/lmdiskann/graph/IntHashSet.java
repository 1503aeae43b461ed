package dev.eider.lmdiskann.graph;

import java.util.Arrays;

/**
 * Open-addressing set of non-negative ints, cleared in time proportional to its capacity. Its size follows the
 * nodes one search meets, never the index size, so per-query memory does not grow with the data.
 */
final class IntHashSet {

    private static final int EMPTY = -1;

    private int[] slots;
    private int size;

    IntHashSet(int initialCapacity) {
        slots = new int[Integer.highestOneBit(Math.max(16, initialCapacity) - 1) << 1];
        Arrays.fill(slots, EMPTY);
    }

    void clear() {
        if (size > 0) {
            Arrays.fill(slots, EMPTY);
            size = 0;
        }
    }

    int size() {
        return size;
    }

    /** Adds {@code v}; returns false if it was already there. */
    boolean add(int v) {
        if ((size + 1) * 2 > slots.length) {
            grow();
        }
        int mask = slots.length - 1;
        for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == v) {
                return false;
            }
            if (s == EMPTY) {
                slots[i] = v;
                size++;
                return true;
            }
        }
    }

    boolean contains(int v) {
        int mask = slots.length - 1;
        for (int i = mix(v) & mask; ; i = (i + 1) & mask) {
            int s = slots[i];
            if (s == v) {
                return true;
            }
            if (s == EMPTY) {
                return false;
            }
        }
    }

    private void grow() {
        int[] old = slots;
        slots = new int[old.length * 2];
        Arrays.fill(slots, EMPTY);
        size = 0;
        for (int v : old) {
            if (v != EMPTY) {
                add(v);
            }
        }
    }

    private static int mix(int v) {
        int h = v * 0x9E3779B9;
        return h ^ (h >>> 16);
    }
}
