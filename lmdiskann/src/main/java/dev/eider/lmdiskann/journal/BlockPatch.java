package dev.eider.lmdiskann.journal;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.disk.BlockLayout;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A journal row that holds only the byte ranges in which a block differs from its previous version (in
 * the journal, or in the graph file). An insert changes the new node's block and, in each neighbor that
 * takes a back-edge, the header and one or two neighbor slots: storing those ranges instead of whole
 * blocks makes the journal rows of an insert about twenty times smaller.
 *
 * <p>Format: the base's version (long) and CRC (int), then ranges of (offset int, length int, bytes). A
 * patch is never {@code blockSize} bytes long (a full block is stored instead), so the length of a row
 * tells the two kinds apart.
 */
public final class BlockPatch {
    private static final int HEADER = Long.BYTES + Integer.BYTES;
    private static final int RANGE_HEADER = 2 * Integer.BYTES;
    /** Equal bytes shorter than this inside a changed stretch are copied rather than split into ranges. */
    private static final int MIN_GAP = RANGE_HEADER + 8;

    private BlockPatch() {}

    /** Whether a journal row of {@code layout} holds a patch rather than a whole block. */
    public static boolean isPatch(byte[] row, BlockLayout layout) {
        return row.length != layout.blockSize();
    }

    /** The patch turning {@code base} into {@code block}, or null when it would not be smaller. */
    public static byte[] diff(byte[] base, byte[] block, BlockLayout layout) {
        int n = block.length;
        if (base.length != n) {
            return null;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(256);
        ByteBuffer header = ByteBuffer.allocate(HEADER);
        header.putLong(layout.version(base)).putInt(layout.storedCrc(base));
        out.writeBytes(header.array());
        int at = 0;
        while (at < n) {
            int first = Arrays.mismatch(base, at, n, block, at, n);
            if (first < 0) {
                break;
            }
            int start = at + first;
            int end = start + 1;
            while (end < n) {
                int limit = Math.min(n, end + MIN_GAP);
                int next = Arrays.mismatch(base, end, limit, block, end, limit);
                if (next < 0) {
                    break;
                }
                end += next + 1;
            }
            out.writeBytes(ByteBuffer.allocate(RANGE_HEADER).putInt(start).putInt(end - start).array());
            out.write(block, start, end - start);
            at = end;
            if (out.size() >= n) {
                return null;
            }
        }
        return out.size() == n ? null : out.toByteArray();
    }

    /** {@code base} with {@code patch} applied; checks that the patch was made from this base. */
    public static byte[] apply(byte[] base, byte[] patch, BlockLayout layout, int nodeId) {
        if (patch.length < HEADER || base == null) {
            throw damaged(nodeId, base == null ? "has no earlier full block" : "is truncated");
        }
        ByteBuffer in = ByteBuffer.wrap(patch);
        long baseVersion = in.getLong();
        int baseCrc = in.getInt();
        if (layout.version(base) != baseVersion || layout.storedCrc(base) != baseCrc) {
            throw damaged(nodeId, "was made from version " + baseVersion + " but follows version "
                    + layout.version(base));
        }
        byte[] block = base.clone();
        while (in.hasRemaining()) {
            if (in.remaining() < RANGE_HEADER) {
                throw damaged(nodeId, "is truncated");
            }
            int offset = in.getInt();
            int length = in.getInt();
            if (offset < 0 || length <= 0 || offset > block.length - length || length > in.remaining()) {
                throw damaged(nodeId, "has a range outside the block");
            }
            in.get(block, offset, length);
        }
        return block;
    }

    private static CorruptIndexException damaged(int nodeId, String why) {
        return new CorruptIndexException("the journal patch of node " + nodeId + " " + why
                + ": the journal is damaged; rebuild the index");
    }
}
