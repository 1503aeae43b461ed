package dev.eider.lmdiskann.journal;

/**
 * One changed node block as the journal stores it (an entry of a statement's journal record in the SQL adapter).
 *
 * @param nodeId    the node (its slot in the graph file)
 * @param bytes     the complete block, exactly as it will be written into the graph file
 * @param version   the node's block version; grows with every change of the node
 * @param epoch     the index operation that produced it
 * @param tombstone whether the node is deleted
 * @param checksum  CRC32C of the block, as stored inside {@code bytes}
 * @param base      the previous version of the block this one was made from, or {@code null} (a new block, or
 *                  not known): a journal may store only the difference from it
 */
public record JournalBlock(int nodeId, byte[] bytes, long version, long epoch, boolean tombstone, int checksum,
                           byte[] base) {

    /** A block without its previous version. */
    public JournalBlock(int nodeId, byte[] bytes, long version, long epoch, boolean tombstone, int checksum) {
        this(nodeId, bytes, version, epoch, tombstone, checksum, null);
    }
}
