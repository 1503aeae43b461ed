package dev.eider.bench.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RecallTest {

    @Test
    void countsOverlapWithTheTrueTopKIgnoringOrder() {
        int[] truth = {4, 8, 15, 16, 23, 42};

        assertThat(Recall.atK(new int[] {15, 4, 99}, truth, 3)).isEqualTo(2.0 / 3);
        assertThat(Recall.atK(new int[] {16, 23, 42}, truth, 3)).isZero();
        assertThat(Recall.atK(new int[] {8, 4, 15}, truth, 3)).isEqualTo(1.0);
    }

    @Test
    void shortResultsCountAsMisses() {
        assertThat(Recall.atK(new int[] {1}, new int[] {1, 2}, 2)).isEqualTo(0.5);
    }

    @Test
    void meanAveragesQueries() {
        int[][] truth = {{1, 2}, {3, 4}};
        int[][] found = {{1, 2}, {4, 9}};

        assertThat(Recall.mean(found, truth, 2)).isEqualTo(0.75);
    }

    @Test
    void kDeeperThanTheGroundTruthIsRejected() {
        assertThatThrownBy(() -> Recall.atK(new int[] {1}, new int[] {1}, 10)).hasMessageContaining("recall@10");
    }

    @Test
    void percentilesUseNearestRank() {
        long[] nanos = new long[100];
        for (int i = 0; i < nanos.length; i++) {
            nanos[i] = (100 - i) * 1_000_000L;
        }
        Latencies latencies = new Latencies(nanos);

        assertThat(latencies.percentileMillis(50)).isEqualTo(50.0);
        assertThat(latencies.percentileMillis(99)).isEqualTo(99.0);
        assertThat(latencies.percentileMillis(100)).isEqualTo(100.0);
    }
}
