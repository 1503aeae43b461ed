package dev.eider.lmdiskann;

import java.util.function.IntConsumer;
import org.roaringbitmap.RoaringBitmap;

/** The node ids a filtered search may return (from the SQL WHERE clause). Must not change during a search. */
public interface AllowedIds {

    boolean contains(int nodeId);

    /** Number of allowed ids (tombstoned ids may be included; they are never returned). */
    long cardinality();

    /** Visits every allowed id in ascending order. */
    void forEach(IntConsumer action);

    static AllowedIds of(RoaringBitmap bitmap) {
        return new AllowedIds() {
            @Override public boolean contains(int nodeId) { return bitmap.contains(nodeId); }
            @Override public long cardinality() { return bitmap.getLongCardinality(); }
            @Override public void forEach(IntConsumer action) { bitmap.forEach((org.roaringbitmap.IntConsumer) action::accept); }
        };
    }
}
