package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.RowKeyMap;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.disk.ReadScratch;
import dev.eider.lmdiskann.disk.GraphFile;
import dev.eider.lmdiskann.journal.BlockPatch;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.util.ArrayList;
import java.util.List;

/** Open-time work: checks journal blocks, then scans every slot to rebuild the free list, deletes and row keys. */
public final class GraphLoader {

    private GraphLoader() {
    }

    /**
     * The journal's blocks as an overlay, each checked against its checksum and node id. {@code patches} (per node
     * in version order) apply to the node's block in {@code file}; those the file already holds (a merge wrote the
     * file but died before the journal heard of it) are skipped.
     */
    public static JournalOverlay overlay(List<JournalBlock> blocks, List<JournalBlock> patches, GraphFile file) {
        BlockLayout layout = file.layout();
        BlockMap map = new BlockMap(blocks.size() + patches.size());
        List<JournalBlock> all = new ArrayList<>(blocks);
        byte[] current = null;
        int currentNode = -1;
        for (JournalBlock p : patches) {
            if (current == null || currentNode != p.nodeId()) {
                current = new byte[layout.blockSize()];
                file.readBlock(p.nodeId(), current);
                currentNode = p.nodeId();
            }
            if (layout.version(current) < p.version()) {
                current = BlockPatch.apply(current, p.bytes(), layout, p.nodeId());
                all.add(new JournalBlock(p.nodeId(), current, p.version(), p.epoch(), p.tombstone(), p.checksum()));
            }
        }
        for (JournalBlock b : all) {
            byte[] bytes = b.bytes();
            if (bytes.length != layout.blockSize() || !layout.verify(bytes) || layout.storedCrc(bytes) != b.checksum()
                    || layout.nodeId(bytes) != b.nodeId()) {
                throw new CorruptIndexException("journal block of node " + b.nodeId() + " (version " + b.version()
                        + ") fails its checksum or names another node: the journal is damaged; rebuild the index");
            }
            map.put(b.nodeId(), bytes);
        }
        return JournalOverlay.empty().with(map);
    }

    /**
     * What a full scan of the slots finds.
     *
     * @param liveCount      live nodes
     * @param freeSlots      consolidated deleted slots
     * @param pendingDeletes tombstoned nodes not yet consolidated
     */
    public record ScanResult(int liveCount, int[] freeSlots, int[] pendingDeletes) {
    }

    /** Reads every block once, bypassing the cache; fills {@code rowKeys} when given. */
    public static ScanResult scan(GraphView view, RowKeyMap rowKeys) {
        BlockLayout layout = view.layout();
        byte[] buffer = new byte[layout.blockSize()];
        ReadScratch scratch = new ReadScratch();
        int live = 0;
        int[] free = new int[16];
        int freeCount = 0;
        int[] pending = new int[16];
        int pendingCount = 0;
        for (int id = 0; id < view.nodeSlots(); id++) {
            byte[] block = view.blockUncached(id, buffer, scratch);
            if (layout.isFree(block)) {
                free = grow(free, freeCount);
                free[freeCount++] = id;
            } else if (layout.isTombstone(block)) {
                pending = grow(pending, pendingCount);
                pending[pendingCount++] = id;
            } else {
                live++;
                if (rowKeys != null) {
                    rowKeys.put(layout.rowKey(block), id);
                }
            }
        }
        return new ScanResult(live, java.util.Arrays.copyOf(free, freeCount),
                java.util.Arrays.copyOf(pending, pendingCount));
    }

    /**
     * Fills the cache's pinned tier with the nodes sample searches expand most ({@link HotBlocks}), then, while
     * there is room, breadth-first from the entry point. Blocks come from the file (checked); nodes in the
     * journal are skipped, the journal serves them.
     */
    public static void pinHot(GraphView view, GraphSearcher searcher) {
        int[] hot = view.cache().enabled() ? HotBlocks.mostExpanded(view, searcher) : new int[0];
        long room = view.cache().startPinning(view.nodeSlots());
        int entry = view.entryPoint();
        if (room <= 0 || entry < 0) {
            return;
        }
        BlockLayout layout = view.layout();
        ReadScratch scratch = new ReadScratch();
        for (int id : hot) {
            if (view.journal().get(id) == null && !view.cache().pin(id, readChecked(view, id, scratch))) {
                return;
            }
        }
        int[] queue = new int[(int) Math.min(view.nodeSlots(), room / layout.blockSize() + 1 + layout.maxDegree())];
        IntHashSet queued = new IntHashSet(queue.length * 2);
        int head = 0;
        int tail = 0;
        queue[tail++] = entry;
        queued.add(entry);
        while (head < tail) {
            int id = queue[head++];
            if (view.journal().get(id) != null) {
                continue;
            }
            byte[] block = readChecked(view, id, scratch);
            if (!view.cache().pin(id, block)) {
                return;
            }
            for (int j = 0; j < layout.degree(block) && tail < queue.length; j++) {
                int next = layout.neighbor(block, j);
                if (next >= 0 && next < view.nodeSlots() && queued.add(next)) {
                    queue[tail++] = next;
                }
            }
        }
    }

    private static byte[] readChecked(GraphView view, int id, ReadScratch scratch) {
        byte[] block = new byte[view.layout().blockSize()];
        view.file().readBlock(id, block, scratch);
        return block;
    }

    private static int[] grow(int[] a, int size) {
        return size < a.length ? a : java.util.Arrays.copyOf(a, a.length * 2);
    }
}
