package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class InMemoryRowKeyMapTest {

    @Test
    void behavesLikeAHashMapUnderRandomPutsAndRemoves() {
        InMemoryRowKeyMap map = new InMemoryRowKeyMap();
        Map<Long, Integer> oracle = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int op = 0; op < 200_000; op++) {
            long key = random.nextInt(20_000) - 10_000L;
            if (random.nextInt(3) == 0) {
                map.remove(key);
                oracle.remove(key);
            } else {
                int node = random.nextInt(1_000_000);
                map.put(key, node);
                oracle.put(key, node);
            }
        }
        assertThat(map.size()).isEqualTo(oracle.size());
        for (long key = -10_000; key < 10_000; key++) {
            assertThat(map.nodeOf(key)).isEqualTo(oracle.getOrDefault(key, RowKeyMap.NO_NODE));
        }
    }
}
