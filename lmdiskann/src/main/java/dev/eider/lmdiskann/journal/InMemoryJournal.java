package dev.eider.lmdiskann.journal;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A journal on the heap: for tests, benchmarks and indexes that are rebuilt rather than recovered. */
public final class InMemoryJournal implements Journal {

    private final Map<Integer, JournalBlock> blocks = new TreeMap<>();
    private IndexMeta meta;
    private long acknowledgedMergeSequence;
    private long batchesRecorded;

    @Override
    public synchronized JournalState load() {
        return new JournalState(new ArrayList<>(blocks.values()), meta, acknowledgedMergeSequence);
    }

    @Override
    public synchronized void record(JournalBatch batch) {
        for (JournalBlock block : batch.blocks()) {
            blocks.merge(block.nodeId(), block, (old, now) -> now.version() >= old.version() ? now : old);
        }
        meta = batch.meta();
        batchesRecorded++;
    }

    @Override
    public synchronized void acknowledgeMerged(long mergeSequence, List<JournalBlock> merged, IndexMeta metaAfter) {
        for (JournalBlock block : merged) {
            blocks.computeIfPresent(block.nodeId(), (id, held) -> held.version() > block.version() ? held : null);
        }
        if (mergeSequence >= acknowledgedMergeSequence) {
            meta = metaAfter;
        }
        acknowledgedMergeSequence = Math.max(acknowledgedMergeSequence, mergeSequence);
    }

    public synchronized int size() {
        return blocks.size();
    }

    public synchronized long batchesRecorded() {
        return batchesRecorded;
    }
}
