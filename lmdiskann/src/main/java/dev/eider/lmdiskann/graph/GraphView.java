package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.disk.BlockCache;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.disk.GraphFile;
import dev.eider.lmdiskann.disk.ReadScratch;

/**
 * One published, immutable state of the index: the journal snapshot over the graph file, and the counters that
 * go with it. Block reads go journal -> block cache -> file.
 *
 * @param file       the graph file
 * @param cache      the block cache over the file
 * @param journal    blocks changed since the last merge
 * @param entryPoint start node, -1 when empty
 * @param nodeSlots  node ids in use or free
 * @param liveCount  vectors a search can return
 * @param epoch      last operation's epoch
 */
public record GraphView(GraphFile file, BlockCache cache, JournalOverlay journal, int entryPoint, int nodeSlots,
                        int liveCount, long epoch) {

    public BlockLayout layout() {
        return file.layout();
    }

    /** The newest block of {@code id}; the array must not be modified. {@code into} receives a block read from the file. */
    byte[] block(int id, ReadCounters counters, byte[] into) {
        if (id < 0 || id >= nodeSlots) {
            throw new CorruptIndexException("node " + id + " is referenced but the index has only " + nodeSlots
                    + " node slots: the index is damaged; rebuild it");
        }
        byte[] b = journal.get(id);
        if (b != null) {
            counters.fromJournal++;
            return b;
        }
        if (cache.enabled()) {
            b = cache.get(id);
            if (b != null) {
                counters.fromCache++;
                return b;
            }
        }
        counters.fromDisk++;
        byte[] read = into != null ? into : new byte[layout().blockSize()];
        file.readBlock(id, read, counters);
        return read;
    }

    /** The newest block of {@code id} read into {@code into} from the journal or the file, bypassing the cache. */
    byte[] blockUncached(int id, byte[] into, ReadScratch scratch) {
        byte[] b = journal.get(id);
        if (b != null) {
            return b;
        }
        file.readBlock(id, into, scratch);
        return into;
    }

    /** Reads into a new array: for callers that keep the block. */
    public byte[] block(int id, ReadCounters counters) {
        return block(id, counters, null);
    }

    public GraphView withJournal(JournalOverlay newJournal, int newEntry, int newSlots, int newLive, long newEpoch) {
        return new GraphView(file, cache, newJournal, newEntry, newSlots, newLive, newEpoch);
    }

    /** Counts where blocks came from. */
    public static class ReadCounters extends ReadScratch {
        public int fromDisk;
        public int fromCache;
        public int fromJournal;

        public void resetReads() {
            fromDisk = 0;
            fromCache = 0;
            fromJournal = 0;
        }
    }
}
