package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.disk.BlockLayout;
import java.util.Arrays;

/**
 * Picks the blocks worth pinning in the block cache: the nodes that beam searches for a sample of the index's own
 * vectors expand most often (as DiskANN warms its cache from sample queries). Breadth-first from the entry point
 * pins the nodes every search starts with but misses the hubs deeper in the graph that many searches pass; on
 * fashion-mnist each avoided miss saves about 5 microseconds (a 17 KiB copy from the mapping and its CRC).
 */
final class HotBlocks {

    /** At most this many sample searches, little next to the open's scan of every block. */
    private static final int MAX_SAMPLES = 1000;
    /** One sample per this many node slots on small indexes. */
    private static final int SLOTS_PER_SAMPLE = 16;
    private static final int SAMPLE_SEARCH_L = 32;

    private HotBlocks() {
    }

    /** Node ids expanded by the sample searches, most often first. */
    static int[] mostExpanded(GraphView view, GraphSearcher searcher) {
        int slots = view.nodeSlots();
        int samples = Math.min(MAX_SAMPLES, slots / SLOTS_PER_SAMPLE);
        if (samples == 0 || view.entryPoint() < 0) {
            return new int[0];
        }
        BlockLayout layout = view.layout();
        SearchScratch s = searcher.newScratch();
        s.recordExpanded = true;
        float[] query = new float[s.query.length];
        int[] counts = new int[slots];
        for (int i = 0; i < samples; i++) {
            byte[] block = view.block((int) ((long) i * slots / samples), s, s.readBuffer);
            if (layout.isTombstone(block)) {
                continue;
            }
            layout.readVector(block, query);
            s.start(query);
            s.results.reset(1);
            searcher.beam(view, s, SAMPLE_SEARCH_L);
            for (int j = 0; j < s.expandedCount; j++) {
                counts[s.expandedIds[j]]++;
            }
        }
        long[] ranked = new long[slots];
        int n = 0;
        for (int id = 0; id < slots; id++) {
            if (counts[id] > 0) {
                ranked[n++] = (long) counts[id] << Integer.SIZE | (Integer.MAX_VALUE - id);
            }
        }
        Arrays.sort(ranked, 0, n);
        int[] order = new int[n];
        for (int i = 0; i < n; i++) {
            order[i] = Integer.MAX_VALUE - (int) ranked[n - 1 - i];
        }
        return order;
    }
}
