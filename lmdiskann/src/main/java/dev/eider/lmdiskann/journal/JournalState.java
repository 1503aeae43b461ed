package dev.eider.lmdiskann.journal;

import java.util.List;

/**
 * What a journal holds when an index opens.
 *
 * @param blocks the newest version of each block recorded and not yet acknowledged as merged
 * @param meta   the counters after the last recorded operation or merge, or {@code null} if there was none
 * @param acknowledgedMergeSequence the merge sequence last acknowledged (the graph file must be at least as new)
 */
public record JournalState(List<JournalBlock> blocks, IndexMeta meta, long acknowledgedMergeSequence) {

    public JournalState {
        blocks = List.copyOf(blocks);
    }

    public static JournalState empty() {
        return new JournalState(List.of(), null, 0);
    }
}
