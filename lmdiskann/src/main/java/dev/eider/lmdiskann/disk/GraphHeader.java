package dev.eider.lmdiskann.disk;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.NeighborCompression;
import java.nio.file.Path;
import java.util.zip.CRC32C;

/**
 * The first page of {@code graph.lmd}: magic, format version, configuration, counters and the center vector the
 * neighbor codes are relative to, sealed by a CRC32C. Its size is a multiple of 4 KiB.
 *
 * @param config        index configuration
 * @param blockSize     bytes per node block
 * @param entryPoint    node every search starts from, -1 when empty
 * @param nodeSlots     node blocks in the file
 * @param liveCount     live nodes at the last write of the header
 * @param mergeSequence merges applied to this file
 * @param epoch         last operation epoch contained in the file
 * @param center        mean of the indexed vectors (stored form)
 */
public record GraphHeader(IndexConfig config, int blockSize, int entryPoint, int nodeSlots, int liveCount,
                          long mergeSequence, long epoch, float[] center) {

    public static final long MAGIC = 0x444d4c5245444945L; // "EIDERLMD" read little-endian
    /**
     * Version 2: ternary and 1-bit codes are three floats (score scale, squared norm, reconstruction scale) and
     * bit planes of 64-bit words; version 1 files had interleaved 2-bit symbols and cannot be scored.
     */
    public static final int FORMAT_VERSION = 2;
    /** Bytes that must be read to learn the magic, version and header size. */
    public static final int PREFIX_BYTES = 16;
    private static final int CENTER_OFFSET = 80;

    public GraphHeader {
        center = center.clone();
    }

    @Override
    public float[] center() {
        return center.clone();
    }

    public int headerBytes() {
        return headerBytes(config.dimensions());
    }

    public static int headerBytes(int dims) {
        int raw = CENTER_OFFSET + 4 * dims + 4;
        return (raw + 4095) / 4096 * 4096;
    }

    public GraphHeader withCounters(int entry, int slots, int live, long merges, long lastEpoch) {
        return new GraphHeader(config, blockSize, entry, slots, live, merges, lastEpoch, center);
    }

    public byte[] toBytes() {
        int dims = config.dimensions();
        byte[] b = new byte[headerBytes()];
        Bytes.putLong(b, 0, MAGIC);
        Bytes.putInt(b, 8, FORMAT_VERSION);
        Bytes.putInt(b, 12, b.length);
        Bytes.putInt(b, 16, dims);
        Bytes.putInt(b, 20, metricCode(config.metric()));
        Bytes.putInt(b, 24, config.maxDegree());
        Bytes.putInt(b, 28, config.buildSearchL());
        Bytes.putInt(b, 32, config.searchL());
        Bytes.putFloat(b, 36, config.alpha());
        Bytes.putInt(b, 40, compressionCode(config.compression()));
        Bytes.putInt(b, 44, blockSize);
        Bytes.putInt(b, 48, entryPoint);
        Bytes.putInt(b, 52, nodeSlots);
        Bytes.putInt(b, 56, liveCount);
        Bytes.putLong(b, 64, mergeSequence);
        Bytes.putLong(b, 72, epoch);
        Bytes.putFloats(b, CENTER_OFFSET, center, 0, dims);
        int crcAt = CENTER_OFFSET + 4 * dims;
        Bytes.putInt(b, crcAt, crc(b, crcAt));
        return b;
    }

    /** Checks the 16-byte prefix and returns the full header size. */
    public static int headerBytesFromPrefix(byte[] prefix, Path file) {
        long magic = Bytes.getLong(prefix, 0);
        if (magic != MAGIC) {
            throw new CorruptIndexException(file + " is not an Eider LM-DiskANN graph file (bad magic number)");
        }
        int version = Bytes.getInt(prefix, 8);
        if (version != FORMAT_VERSION) {
            throw new CorruptIndexException(file + " has graph format version " + version
                    + " but this Eider reads version " + FORMAT_VERSION + ": rebuild the index");
        }
        int size = Bytes.getInt(prefix, 12);
        if (size < 4096 || size % 4096 != 0 || size > headerBytes(IndexConfig.MAX_DIMENSIONS)) {
            throw new CorruptIndexException(file + " has an invalid header size " + size);
        }
        return size;
    }

    /** Parses and validates a complete header page. */
    public static GraphHeader parse(byte[] b, Path file) {
        int size = headerBytesFromPrefix(b, file);
        int dims = Bytes.getInt(b, 16);
        if (dims < 1 || dims > IndexConfig.MAX_DIMENSIONS || headerBytes(dims) != size) {
            throw new CorruptIndexException(file + " header is damaged (dimensions " + dims + ")");
        }
        int crcAt = CENTER_OFFSET + 4 * dims;
        int stored = Bytes.getInt(b, crcAt);
        int computed = crc(b, crcAt);
        if (stored != computed) {
            throw new CorruptIndexException(file + " header fails its CRC32C check (stored "
                    + Integer.toHexString(stored) + ", computed " + Integer.toHexString(computed)
                    + "): the file is damaged; rebuild the index");
        }
        IndexConfig config;
        try {
            config = new IndexConfig(dims, metricOf(Bytes.getInt(b, 20)), Bytes.getInt(b, 24),
                    Bytes.getInt(b, 28), Bytes.getInt(b, 32), Bytes.getFloat(b, 36),
                    compressionOf(Bytes.getInt(b, 40)));
        } catch (IllegalArgumentException e) {
            throw new CorruptIndexException(file + " header holds an invalid configuration: " + e.getMessage(), e);
        }
        float[] center = new float[dims];
        Bytes.getFloats(b, CENTER_OFFSET, center, 0, dims);
        return new GraphHeader(config, Bytes.getInt(b, 44), Bytes.getInt(b, 48), Bytes.getInt(b, 52),
                Bytes.getInt(b, 56), Bytes.getLong(b, 64), Bytes.getLong(b, 72), center);
    }

    private static int crc(byte[] b, int length) {
        CRC32C crc = new CRC32C();
        crc.update(b, 0, length);
        return (int) crc.getValue();
    }

    private static int metricCode(Metric m) {
        return switch (m) {
            case L2 -> 1;
            case COSINE -> 2;
            case INNER_PRODUCT -> 3;
        };
    }

    private static Metric metricOf(int code) {
        return switch (code) {
            case 1 -> Metric.L2;
            case 2 -> Metric.COSINE;
            case 3 -> Metric.INNER_PRODUCT;
            default -> throw new IllegalArgumentException("unknown metric code " + code);
        };
    }

    private static int compressionCode(NeighborCompression c) {
        return switch (c) {
            case TERNARY -> 1;
            case NONE -> 2;
            case ONE_BIT -> 3;
        };
    }

    private static NeighborCompression compressionOf(int code) {
        return switch (code) {
            case 1 -> NeighborCompression.TERNARY;
            case 2 -> NeighborCompression.NONE;
            case 3 -> NeighborCompression.ONE_BIT;
            default -> throw new IllegalArgumentException("unknown neighbor compression code " + code);
        };
    }
}
