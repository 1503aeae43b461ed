package dev.eider.lmdiskann.disk;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class BlockCacheTest {

    @Test
    void pinsWithinItsBudgetAndServesOnlyPinnedBlocks() {
        BlockCache cache = new BlockCache(10 * 8 + 2 * 100);
        assertThat(cache.startPinning(10)).isEqualTo(200);
        assertThat(cache.pin(3, new byte[100])).isTrue();
        assertThat(cache.pin(4, new byte[100])).isTrue();
        assertThat(cache.pin(5, new byte[100])).isFalse();
        assertThat(cache.get(3)).hasSize(100);
        assertThat(cache.get(5)).isNull();
        assertThat(cache.hits()).isEqualTo(1);
        assertThat(cache.misses()).isEqualTo(1);
        assertThat(cache.weightedBytes()).isEqualTo(280);
    }

    @Test
    void aMergeRefreshesPinnedBlocksAndLeavesOthersUncached() {
        BlockCache cache = new BlockCache(1 << 20);
        cache.startPinning(10);
        byte[] old = {1};
        byte[] merged = {2};
        cache.pin(3, old);
        cache.refresh(3, merged);
        cache.refresh(4, merged);
        assertThat(cache.get(3)).isSameAs(merged);
        assertThat(cache.get(4)).isNull();
        long before = cache.weightedBytes();
        cache.refresh(3, null);
        assertThat(cache.get(3)).isNull();
        assertThat(cache.weightedBytes()).isEqualTo(before - 1);
    }
}
