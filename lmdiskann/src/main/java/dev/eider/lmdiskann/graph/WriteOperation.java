package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The blocks one writer operation changed, not yet recorded or published. {@link IndexWriter#apply} makes it
 * the writer's state once the journal has accepted it; dropping it leaves the index untouched.
 */
public final class WriteOperation {

    final long epoch;
    final BlockMap changed = new BlockMap(16);
    /** The published block each changed one was copied from (none for a block written from scratch). */
    final BlockMap bases = new BlockMap(16);
    int entryPoint;
    int nodeSlots;
    int liveCount;
    Runnable onApply = () -> { };
    /** The free list after this operation (journaled with it). */
    int[] freeAfter;
    /** Consolidation only: live nodes whose edges to deleted nodes were replaced. */
    int nodesPatched;
    /** Consolidation only: deleted nodes whose slots were freed. */
    int slotsFreed;

    WriteOperation(long epoch, int entryPoint, int nodeSlots, int liveCount) {
        this.epoch = epoch;
        this.entryPoint = entryPoint;
        this.nodeSlots = nodeSlots;
        this.liveCount = liveCount;
    }

    public long epoch() {
        return epoch;
    }

    public int nodesPatched() {
        return nodesPatched;
    }

    public int slotsFreed() {
        return slotsFreed;
    }

    /** The changed blocks as journal rows, in node-id order. */
    public List<JournalBlock> journalBlocks(BlockLayout layout) {
        List<JournalBlock> blocks = new ArrayList<>(changed.size());
        changed.forEach((block, id) -> blocks.add(new JournalBlock(id, block, layout.version(block),
                layout.epoch(block), layout.isTombstone(block), layout.storedCrc(block), bases.get(id))));
        blocks.sort(Comparator.comparingInt(JournalBlock::nodeId));
        return blocks;
    }
}
