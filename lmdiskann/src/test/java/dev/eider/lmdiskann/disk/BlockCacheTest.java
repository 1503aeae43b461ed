package dev.eider.lmdiskann.disk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class BlockCacheTest {

    @Test
    void aBlockIsAdmittedOnItsSecondMissOnly() {
        BlockCache cache = new BlockCache(1 << 20);
        assertThat(cache.admit(5)).isFalse();
        assertThat(cache.admit(5)).isTrue();
        assertThat(cache.admit(6)).isFalse();
        assertThat(cache.admit(6)).isTrue();
        assertThat(cache.weightedBytes()).isZero();
    }

    @Test
    void mostBlocksMetOnceAreNotAdmitted() {
        BlockCache cache = new BlockCache(1 << 20);
        long admitted = IntStream.range(0, 500).filter(cache::admit).count();
        assertThat(admitted).isLessThan(50);
    }
}
