package dev.eider.lmdiskann.journal;

import java.util.List;

/**
 * What a journal holds when an index opens.
 *
 * @param blocks  the newest version of each block recorded and not yet acknowledged as merged
 * @param meta    the counters after the last recorded operation or merge, or {@code null} if there was none
 * @param acknowledgedMergeSequence the merge sequence last acknowledged (the graph file must be at least as new)
 * @param patches {@link BlockPatch} rows of nodes not in {@code blocks}, whose chain starts from the node's block
 *                in the graph file; per node in version order ({@link JournalBlock#bytes} holds the patch)
 */
public record JournalState(List<JournalBlock> blocks, IndexMeta meta, long acknowledgedMergeSequence,
                           List<JournalBlock> patches) {

    public JournalState {
        blocks = List.copyOf(blocks);
        patches = List.copyOf(patches);
    }

    /** A journal of whole blocks only. */
    public JournalState(List<JournalBlock> blocks, IndexMeta meta, long acknowledgedMergeSequence) {
        this(blocks, meta, acknowledgedMergeSequence, List.of());
    }

    public static JournalState empty() {
        return new JournalState(List.of(), null, 0);
    }
}
