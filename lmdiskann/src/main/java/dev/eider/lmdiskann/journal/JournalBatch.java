package dev.eider.lmdiskann.journal;

import java.util.List;

/** Everything one index operation changed: its blocks and the counters after it. */
public record JournalBatch(long epoch, List<JournalBlock> blocks, IndexMeta meta) {

    public JournalBatch {
        blocks = List.copyOf(blocks);
    }
}
