package dev.eider.lmdiskann.journal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.disk.BlockLayout;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

class BlockPatchTest {
    private final BlockLayout layout = new BlockLayout(IndexConfig.defaults(384, Metric.L2));
    private final Random random = new Random(7);

    private byte[] block(long version) {
        byte[] b = new byte[layout.blockSize()];
        random.nextBytes(b);
        layout.writeHeader(b, 3, 0, 42, version, version, layout.maxDegree());
        layout.seal(b);
        return b;
    }

    /** A back-edge: the header changes and one neighbor slot gets another id and code. */
    private byte[] withNeighbor(byte[] base, int slot) {
        byte[] next = base.clone();
        byte[] code = new byte[layout.codeBytes()];
        random.nextBytes(code);
        layout.setNeighbor(next, slot, 99, code, 0);
        layout.writeHeader(next, 3, 0, 42, layout.epoch(base) + 1, layout.version(base) + 1, 40);
        layout.seal(next);
        return next;
    }

    @Test
    void smallChangesMakeSmallPatchesThatRebuildTheBlockExactly() {
        byte[] base = block(5);
        byte[] next = withNeighbor(withNeighbor(base, 3), 17);
        byte[] patch = BlockPatch.diff(base, next, layout);
        assertThat(patch).isNotNull();
        assertThat(BlockPatch.isPatch(patch, layout)).isTrue();
        assertThat(patch.length).isLessThan(3 * layout.codeBytes());
        assertThat(BlockPatch.apply(base, patch, layout, 3)).isEqualTo(next);
    }

    @Test
    void identicalBlocksGiveAnEmptyPatch() {
        byte[] base = block(1);
        byte[] patch = BlockPatch.diff(base, base.clone(), layout);
        assertThat(BlockPatch.apply(base, patch, layout, 3)).isEqualTo(base);
    }

    @Test
    void aRewrittenBlockIsStoredWhole() {
        assertThat(BlockPatch.diff(block(1), block(2), layout)).isNull();
    }

    @Test
    void aPatchOnlyAppliesToTheVersionItWasMadeFrom() {
        byte[] base = block(5);
        byte[] patch = BlockPatch.diff(base, withNeighbor(base, 0), layout);
        assertThatThrownBy(() -> BlockPatch.apply(block(4), patch, layout, 3))
                .isInstanceOf(CorruptIndexException.class).hasMessageContaining("node 3");
        assertThatThrownBy(() -> BlockPatch.apply(null, patch, layout, 3))
                .isInstanceOf(CorruptIndexException.class).hasMessageContaining("no earlier full block");
    }

    @Test
    void damagedPatchesFailCleanly() {
        byte[] base = block(5);
        byte[] patch = BlockPatch.diff(base, withNeighbor(base, 0), layout);
        assertThatThrownBy(() -> BlockPatch.apply(base, Arrays.copyOf(patch, patch.length - 1), layout, 3))
                .isInstanceOf(CorruptIndexException.class);
        byte[] outside = patch.clone();
        outside[12] = 0x7f;
        assertThatThrownBy(() -> BlockPatch.apply(base, outside, layout, 3))
                .isInstanceOf(CorruptIndexException.class).hasMessageContaining("outside the block");
        assertThatThrownBy(() -> BlockPatch.apply(base, new byte[3], layout, 3))
                .isInstanceOf(CorruptIndexException.class).hasMessageContaining("truncated");
    }
}
