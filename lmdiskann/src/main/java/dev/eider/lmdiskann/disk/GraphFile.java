package dev.eider.lmdiskann.disk;

import dev.eider.lmdiskann.CorruptIndexException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * An open {@code graph.lmd}: block reads (thread-safe, CRC-checked) and the merge's writes. Node {@code i} lives
 * at {@code headerBytes + i * blockSize}. Reads copy from a read-only memory mapping of the file (one copy, no
 * system call: a positional read costs a system call and two copies, through a direct buffer, which was about
 * half of a search's time); blocks past the mapped length, appended since the last header write, are read
 * positionally. The mapping lives off the heap in the OS page cache and is renewed when a merge rewrites the
 * header, after which the file may have been truncated.
 */
public final class GraphFile implements AutoCloseable {

    private final Path path;
    private final FileChannel channel;
    private final BlockLayout layout;
    private volatile GraphHeader header;
    private volatile MemorySegment mapped;

    private GraphFile(Path path, FileChannel channel, GraphHeader header) throws IOException {
        this.path = path;
        this.channel = channel;
        this.header = header;
        this.layout = new BlockLayout(header.config());
        this.mapped = map(channel);
    }

    /**
     * The whole file, mapped read-only. The automatic arena unmaps a replaced mapping once no reader holds it.
     * Truncation only drops free tail slots, which no published view references, and a merge waits for running
     * searches, so no read reaches the cut-off part of an old mapping.
     */
    private static MemorySegment map(FileChannel channel) throws IOException {
        long size = channel.size();
        return size == 0 ? MemorySegment.NULL : channel.map(FileChannel.MapMode.READ_ONLY, 0, size, Arena.ofAuto());
    }

    /** Opens and validates a graph file: magic, format version, header CRC, block size and length. */
    public static GraphFile open(Path path) throws IOException {
        FileChannel channel = FileChannel.open(path, StandardOpenOption.READ, StandardOpenOption.WRITE);
        try {
            GraphHeader header = readHeader(channel, path);
            BlockLayout layout = new BlockLayout(header.config());
            if (header.blockSize() != layout.blockSize()) {
                throw new CorruptIndexException(path + " declares " + header.blockSize()
                        + "-byte blocks but its configuration gives " + layout.blockSize());
            }
            long needed = header.headerBytes() + (long) header.nodeSlots() * header.blockSize();
            if (channel.size() < needed) {
                throw new CorruptIndexException(path + " is truncated: " + channel.size() + " bytes but "
                        + header.nodeSlots() + " blocks need " + needed);
            }
            return new GraphFile(path, channel, header);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    private static GraphHeader readHeader(FileChannel channel, Path path) throws IOException {
        if (channel.size() < GraphHeader.PREFIX_BYTES) {
            throw new CorruptIndexException(path + " is too short to be an Eider LM-DiskANN graph file");
        }
        byte[] prefix = new byte[GraphHeader.PREFIX_BYTES];
        readFully(channel, prefix, 0);
        int size = GraphHeader.headerBytesFromPrefix(prefix, path);
        if (channel.size() < size) {
            throw new CorruptIndexException(path + " is truncated inside its header");
        }
        byte[] page = new byte[size];
        readFully(channel, page, 0);
        return GraphHeader.parse(page, path);
    }

    private static void readFully(FileChannel channel, byte[] into, long position) throws IOException {
        readFully(channel, ByteBuffer.wrap(into), position);
    }

    private static void readFully(FileChannel channel, ByteBuffer buffer, long position) throws IOException {
        while (buffer.hasRemaining()) {
            int n = channel.read(buffer, position + buffer.position());
            if (n < 0) {
                throw new CorruptIndexException("unexpected end of graph file at byte " + (position + buffer.position()));
            }
        }
    }

    public Path path() {
        return path;
    }

    public GraphHeader header() {
        return header;
    }

    public BlockLayout layout() {
        return layout;
    }

    private long offsetOf(int nodeId) {
        return header.headerBytes() + (long) nodeId * layout.blockSize();
    }

    /** Reads node {@code nodeId}'s block into {@code into} and checks its CRC and node id. */
    public void readBlock(int nodeId, byte[] into) {
        readBlock(nodeId, into, new ReadScratch());
    }

    /** As {@link #readBlock(int, byte[])}, reusing the caller's checksum and buffer objects. */
    public void readBlock(int nodeId, byte[] into, ReadScratch scratch) {
        if (nodeId < 0 || nodeId >= header.nodeSlots()) {
            throw new CorruptIndexException(path + ": node " + nodeId + " is outside the file's "
                    + header.nodeSlots() + " blocks and not in the journal");
        }
        long at = offsetOf(nodeId);
        MemorySegment file = mapped;
        if (at + into.length <= file.byteSize()) {
            MemorySegment.copy(file, ValueLayout.JAVA_BYTE, at, into, 0, into.length);
        } else {
            try {
                readFully(channel, scratch.wrap(into), at);
            } catch (IOException e) {
                throw new UncheckedIOException("reading node " + nodeId + " from " + path, e);
            }
        }
        if (!layout.verify(into, scratch.crc)) {
            throw new CorruptIndexException(path + ": block of node " + nodeId + " fails its CRC32C check (stored "
                    + Integer.toHexString(layout.storedCrc(into)) + ", computed "
                    + Integer.toHexString(layout.crc(into)) + "): the file is damaged; rebuild the index");
        }
        if (layout.nodeId(into) != nodeId) {
            throw new CorruptIndexException(path + ": block at slot " + nodeId + " belongs to node "
                    + layout.nodeId(into) + ": the file is damaged; rebuild the index");
        }
    }

    /** Writes one block in place (merge only; callers exclude concurrent readers of this slot). */
    public void writeBlock(int nodeId, byte[] block) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(block);
        long at = offsetOf(nodeId);
        while (buffer.hasRemaining()) {
            channel.write(buffer, at + buffer.position());
        }
    }

    /** Rewrites the header page and cuts the file to exactly its blocks. */
    public void writeHeader(GraphHeader newHeader) throws IOException {
        ByteBuffer buffer = ByteBuffer.wrap(newHeader.toBytes());
        while (buffer.hasRemaining()) {
            channel.write(buffer, buffer.position());
        }
        long length = newHeader.headerBytes() + (long) newHeader.nodeSlots() * newHeader.blockSize();
        if (channel.size() > length) {
            channel.truncate(length);
        }
        mapped = map(channel);
        header = newHeader;
    }

    public void force() throws IOException {
        channel.force(true);
    }

    public long sizeBytes() {
        try {
            return channel.size();
        } catch (IOException e) {
            throw new UncheckedIOException("reading the size of " + path, e);
        }
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
