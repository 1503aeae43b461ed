package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.disk.GraphHeader;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import dev.eider.lmdiskann.journal.JournalBatch;
import dev.eider.lmdiskann.journal.JournalBlock;
import dev.eider.lmdiskann.journal.JournalState;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/** Damaged files and journals are refused with errors that say what is wrong. */
class CorruptionTest {

    private static final int ROWS = 300;

    @TempDir
    Path dir;

    private Path graph;
    private int headerBytes;
    private int blockBytes;

    @BeforeEach
    void build() throws Exception {
        Dataset sift = Dataset.sift5k();
        try (LmDiskannIndex index = LmDiskannIndex.build(dir, IndexConfig.defaults(128, Metric.L2),
                VectorSource.of(Arrays.copyOf(sift.base(), ROWS)), BuildOptions.defaults(), new InMemoryJournal())) {
            blockBytes = index.stats().blockBytes();
        }
        graph = dir.resolve(LmDiskannIndex.GRAPH_FILE);
        headerBytes = GraphHeader.headerBytes(128);
    }

    private void flipByte(long position) throws Exception {
        try (FileChannel ch = FileChannel.open(graph, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            ByteBuffer one = ByteBuffer.allocate(1);
            ch.read(one, position);
            one.put(0, (byte) (one.get(0) ^ 0x10));
            one.rewind();
            ch.write(one, position);
        }
    }

    private void writeInt(long position, int value) throws Exception {
        try (FileChannel ch = FileChannel.open(graph, StandardOpenOption.WRITE)) {
            ch.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, value), position);
        }
    }

    @Test
    void aFlippedByteInABlockIsDetectedAtOpen() throws Exception {
        flipByte(headerBytes + 42L * blockBytes + 200);
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("block of node 42 fails its CRC32C check")
                .hasMessageContaining("rebuild the index");
    }

    @Test
    void aFlippedByteInABlockIsDetectedWhenASearchReadsIt() throws Exception {
        try (LmDiskannIndex index = LmDiskannIndex.open(dir, OpenOptions.defaults().withCacheBytes(0),
                new InMemoryJournal())) {
            for (int node = 0; node < ROWS; node++) {
                flipByte(headerBytes + (long) node * blockBytes + 100);
            }
            assertThatThrownBy(() -> index.search(new float[128], SearchParams.top(5)))
                    .isInstanceOf(CorruptIndexException.class)
                    .hasMessageContaining("fails its CRC32C check");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, GraphHeader.FORMAT_VERSION + 1})
    void anotherFormatVersionIsRefused(int version) throws Exception {
        assertThat(version).isNotEqualTo(GraphHeader.FORMAT_VERSION);
        writeInt(8, version);
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("graph format version " + version)
                .hasMessageContaining("reads version " + GraphHeader.FORMAT_VERSION)
                .hasMessageContaining("rebuild the index");
    }

    @Test
    void aBadMagicNumberIsRefused() throws Exception {
        writeInt(0, 0x12345678);
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("is not an Eider LM-DiskANN graph file");
    }

    @Test
    void aDamagedHeaderFailsItsChecksum() throws Exception {
        flipByte(100);
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("header fails its CRC32C check");
    }

    @Test
    void aTruncatedFileIsRefused() throws Exception {
        try (FileChannel ch = FileChannel.open(graph, StandardOpenOption.WRITE)) {
            ch.truncate(ch.size() - blockBytes);
        }
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal()))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("is truncated");
    }

    @Test
    void aDamagedJournalBlockIsRefused() throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        try (LmDiskannIndex index = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            index.delete(3L);
        }
        JournalState state = journal.load();
        JournalBlock good = state.blocks().getFirst();
        byte[] bad = good.bytes().clone();
        bad[60] ^= 1;
        InMemoryJournal damaged = new InMemoryJournal();
        damaged.record(new JournalBatch(1, List.of(new JournalBlock(good.nodeId(), bad, good.version(), good.epoch(),
                good.tombstone(), good.checksum())), state.meta()));
        assertThatThrownBy(() -> LmDiskannIndex.open(dir, OpenOptions.defaults(), damaged))
                .isInstanceOf(CorruptIndexException.class)
                .hasMessageContaining("journal block of node " + good.nodeId());
    }

    @Test
    void aMissingGraphFileSaysSo() {
        assertThatThrownBy(() -> LmDiskannIndex.open(dir.resolve("nothing"), OpenOptions.defaults(),
                new InMemoryJournal()))
                .isInstanceOf(NoSuchFileException.class)
                .hasMessageContaining("build the index first");
    }

    @Test
    void theUntouchedFileStillOpens() throws Exception {
        try (LmDiskannIndex index = LmDiskannIndex.open(dir, OpenOptions.defaults(), new InMemoryJournal())) {
            assertThat(index.stats().liveCount()).isEqualTo(ROWS);
        }
    }
}
