package dev.eider.lmdiskann.disk;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a new graph file sequentially: header, then blocks in node order, into a temporary file that replaces
 * the target only after everything is written and fsynced.
 */
public final class GraphFileWriter implements AutoCloseable {

    private final Path target;
    private final Path temporary;
    private final FileChannel channel;
    private final OutputStream out;
    private final int blockSize;
    private int blocksWritten;
    private boolean committed;

    public GraphFileWriter(Path target, GraphHeader header) throws IOException {
        this.target = target;
        this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
        this.blockSize = header.blockSize();
        this.channel = FileChannel.open(temporary, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        this.out = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 20);
        out.write(header.toBytes());
    }

    /** Appends the next block; blocks must come in node-id order starting at 0. */
    public void append(byte[] block) throws IOException {
        if (block.length != blockSize) {
            throw new IllegalArgumentException("block of " + block.length + " bytes, expected " + blockSize);
        }
        out.write(block);
        blocksWritten++;
    }

    public int blocksWritten() {
        return blocksWritten;
    }

    /** Flushes, fsyncs and moves the file into place. */
    public void commit() throws IOException {
        out.flush();
        channel.force(true);
        out.close();
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        committed = true;
    }

    @Override
    public void close() throws IOException {
        if (!committed) {
            out.close();
            Files.deleteIfExists(temporary);
        }
    }
}
