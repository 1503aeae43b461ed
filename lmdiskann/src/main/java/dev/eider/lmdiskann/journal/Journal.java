package dev.eider.lmdiskann.journal;

import java.util.List;

/**
 * Durable record of the node blocks changed since the last merge. The SQL adapter implements it with DuckDB
 * tables written in the same transaction as the base-table row; {@link InMemoryJournal} serves tests and
 * benchmarks. The index calls it from its single writer thread only.
 *
 * <p>Transactional use: open the transaction and change the base table, then call the index's insert or delete;
 * its {@link #record} writes the batch's rows into the same transaction and commits it. If the commit fails,
 * {@code record} throws and the index publishes nothing, so the index never shows a row the database lost.
 */
public interface Journal {

    /** The blocks and counters to apply over the graph file at open. */
    JournalState load();

    /**
     * Records one operation. When this returns the batch must be durable, or be committed by the caller's
     * surrounding transaction; when it throws, the index discards the operation and publishes nothing.
     * A later batch may carry a newer version of a block of an earlier one: keep the newest per node.
     */
    void record(JournalBatch batch);

    /**
     * The graph file now holds {@code merged} (fsynced) and its header carries {@code mergeSequence}: drop each
     * merged block unless the journal holds a newer version of that node, and keep {@code metaAfter} as the
     * current counters. Safe to receive twice.
     */
    void acknowledgeMerged(long mergeSequence, List<JournalBlock> merged, IndexMeta metaAfter);
}
