package dev.eider.lmdiskann.graph;

import java.util.function.ObjIntConsumer;

/**
 * The journal's blocks as one immutable snapshot, layered so that publishing an operation copies only a small
 * recent layer: a large base and a delta that is folded into a new base once it passes a fraction of it.
 * Lookups check the delta, then the base.
 */
public final class JournalOverlay {

    private static final int MIN_FOLD = 1024;

    private static final JournalOverlay EMPTY = new JournalOverlay(new BlockMap(0), new BlockMap(0), 0);

    private final BlockMap base;
    private final BlockMap delta;
    /** Distinct nodes held, kept up to date by {@link #with} (counting them walks the delta). */
    private final int size;

    private JournalOverlay(BlockMap base, BlockMap delta, int size) {
        this.base = base;
        this.delta = delta;
        this.size = size;
    }

    public static JournalOverlay empty() {
        return EMPTY;
    }

    public boolean isEmpty() {
        return base.size() == 0 && delta.size() == 0;
    }

    /** Block of {@code id} in the journal, or null. */
    public byte[] get(int id) {
        if (delta.size() > 0) {
            byte[] b = delta.get(id);
            if (b != null) {
                return b;
            }
        }
        return base.size() == 0 ? null : base.get(id);
    }

    /** A new snapshot with {@code changes} applied over this one (this one is untouched). */
    JournalOverlay with(BlockMap changes) {
        int[] added = {0};
        changes.forEach((block, id) -> added[0] += get(id) == null ? 1 : 0);
        int newSize = size + added[0];
        if (delta.size() + changes.size() > Math.max(MIN_FOLD, base.size() / 4)) {
            BlockMap folded = base.copy(delta.size() + changes.size());
            delta.forEach((block, id) -> folded.put(id, block));
            changes.forEach((block, id) -> folded.put(id, block));
            return new JournalOverlay(folded, new BlockMap(0), newSize);
        }
        BlockMap newDelta = delta.copy(changes.size());
        changes.forEach((block, id) -> newDelta.put(id, block));
        return new JournalOverlay(base, newDelta, newSize);
    }

    /** Number of distinct nodes held. */
    public int size() {
        return size;
    }

    /** Every held block once (the newest), in no particular order. */
    public void forEach(ObjIntConsumer<byte[]> action) {
        delta.forEach(action);
        base.forEach((block, id) -> {
            if (delta.get(id) == null) {
                action.accept(block, id);
            }
        });
    }
}
