package dev.eider.lmdiskann.disk;

import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.quant.NeighborCodec;
import java.util.zip.CRC32C;

/**
 * Where things are inside a node block. A block is: node id (int), flags (int), row key (long), epoch (long),
 * version (long), degree (int), CRC32C (int), the full vector (float32 x dims), R neighbor ids (int), R neighbor
 * codes, zero padding to a multiple of 64 bytes. The CRC covers every byte except its own four.
 */
public final class BlockLayout {

    public static final int FLAG_TOMBSTONE = 1;
    /** A consolidated deleted node whose slot waits on the free list. Always set together with the tombstone. */
    public static final int FLAG_FREE = 2;

    private static final int NODE_ID = 0;
    private static final int FLAGS = 4;
    private static final int ROW_KEY = 8;
    private static final int EPOCH = 16;
    private static final int VERSION = 24;
    private static final int DEGREE = 32;
    private static final int CRC = 36;
    private static final int VECTOR = 40;

    private final int dims;
    private final int maxDegree;
    private final int codeBytes;
    private final int neighborsOffset;
    private final int codesOffset;
    private final int blockSize;

    public BlockLayout(IndexConfig config) {
        this.dims = config.dimensions();
        this.maxDegree = config.maxDegree();
        this.codeBytes = NeighborCodec.codeBytes(config.compression(), dims);
        this.neighborsOffset = VECTOR + 4 * dims;
        this.codesOffset = neighborsOffset + 4 * maxDegree;
        this.blockSize = (codesOffset + maxDegree * codeBytes + 63) / 64 * 64;
    }

    public int blockSize() {
        return blockSize;
    }

    public int maxDegree() {
        return maxDegree;
    }

    public int codeBytes() {
        return codeBytes;
    }

    public int nodeId(byte[] b) {
        return Bytes.getInt(b, NODE_ID);
    }

    public int flags(byte[] b) {
        return Bytes.getInt(b, FLAGS);
    }

    public boolean isTombstone(byte[] b) {
        return (flags(b) & FLAG_TOMBSTONE) != 0;
    }

    public boolean isFree(byte[] b) {
        return (flags(b) & FLAG_FREE) != 0;
    }

    public long rowKey(byte[] b) {
        return Bytes.getLong(b, ROW_KEY);
    }

    public long epoch(byte[] b) {
        return Bytes.getLong(b, EPOCH);
    }

    public long version(byte[] b) {
        return Bytes.getLong(b, VERSION);
    }

    public int degree(byte[] b) {
        return Bytes.getInt(b, DEGREE);
    }

    public int storedCrc(byte[] b) {
        return Bytes.getInt(b, CRC);
    }

    public int neighbor(byte[] b, int i) {
        return Bytes.getInt(b, neighborsOffset + 4 * i);
    }

    public int codeOffset(int i) {
        return codesOffset + i * codeBytes;
    }

    public void readVector(byte[] b, float[] into) {
        Bytes.getFloats(b, VECTOR, into, 0, dims);
    }

    /** Writes the fixed fields (the CRC is written by {@link #seal}). */
    public void writeHeader(byte[] b, int nodeId, int flags, long rowKey, long epoch, long version, int degree) {
        Bytes.putInt(b, NODE_ID, nodeId);
        Bytes.putInt(b, FLAGS, flags);
        Bytes.putLong(b, ROW_KEY, rowKey);
        Bytes.putLong(b, EPOCH, epoch);
        Bytes.putLong(b, VERSION, version);
        Bytes.putInt(b, DEGREE, degree);
    }

    public void writeVector(byte[] b, float[] v, int offset) {
        Bytes.putFloats(b, VECTOR, v, offset, dims);
    }

    /** Sets neighbor {@code i} to {@code id} with its code copied from {@code code[codeOffset..]}. */
    public void setNeighbor(byte[] b, int i, int id, byte[] code, int codeOffset) {
        Bytes.putInt(b, neighborsOffset + 4 * i, id);
        System.arraycopy(code, codeOffset, b, codeOffset(i), codeBytes);
    }

    /** Clears neighbor slots from {@code degree} on, so equal graphs give equal bytes. */
    public void clearNeighborsFrom(byte[] b, int degree) {
        java.util.Arrays.fill(b, neighborsOffset + 4 * degree, codesOffset, (byte) 0);
        java.util.Arrays.fill(b, codeOffset(degree), blockSize, (byte) 0);
    }

    /** Computes and stores the CRC32C; returns it. */
    public int seal(byte[] b) {
        int crc = crc(b);
        Bytes.putInt(b, CRC, crc);
        return crc;
    }

    public int crc(byte[] b) {
        return crc(b, new CRC32C());
    }

    /** The block's CRC32C computed with a caller's (reset and reused) checksum object. */
    public int crc(byte[] b, CRC32C crc) {
        crc.reset();
        crc.update(b, 0, CRC);
        crc.update(b, CRC + 4, blockSize - CRC - 4);
        return (int) crc.getValue();
    }

    /** True when the block's stored CRC matches its bytes. */
    public boolean verify(byte[] b) {
        return verify(b, new CRC32C());
    }

    public boolean verify(byte[] b, CRC32C crc) {
        return b.length == blockSize && crc(b, crc) == storedCrc(b);
    }
}
