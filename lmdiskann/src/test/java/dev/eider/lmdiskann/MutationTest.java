package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import dev.eider.lmdiskann.journal.Journal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Insert, delete, merge and reopen on sift5k rows: the first 1000 are built, later rows are inserted. */
class MutationTest {

    private static final int BUILT = 1000;

    @TempDir
    Path dir;

    private static Dataset sift;

    @BeforeAll
    static void load() {
        sift = Dataset.sift5k();
    }

    private LmDiskannIndex build(Journal journal) throws Exception {
        float[][] base = Arrays.copyOf(sift.base(), BUILT);
        return LmDiskannIndex.build(dir, IndexConfig.defaults(sift.dimensions(), Metric.L2), VectorSource.of(base),
                BuildOptions.defaults(), journal);
    }

    /** Row key of sift row i: built rows keep their position, inserted ones get 100000 + position. */
    private static long key(int row) {
        return row < BUILT ? row : 100_000 + row;
    }

    private static List<List<Neighbor>> answers(LmDiskannIndex index, int queries) {
        List<List<Neighbor>> out = new ArrayList<>();
        for (int q = 0; q < queries; q++) {
            out.add(index.search(sift.queries()[q], SearchParams.top(10)).neighbors());
        }
        return out;
    }

    private static double recall(LmDiskannIndex index, Set<Integer> liveRows, int queries) {
        double sum = 0;
        for (int q = 0; q < queries; q++) {
            float[] query = sift.queries()[q];
            long[] found = index.search(query, SearchParams.top(10)).neighbors().stream()
                    .mapToLong(Neighbor::rowKey).toArray();
            long[] truth = Arrays.stream(BruteForce.topK(Metric.L2, sift.base(), query, 10, liveRows::contains))
                    .mapToLong(MutationTest::key).toArray();
            sum += Arrays.stream(truth).filter(t -> Arrays.stream(found).anyMatch(f -> f == t)).count() / 10.0;
        }
        return sum / queries;
    }

    @Test
    void insertedVectorsAreFoundByThemselves() throws Exception {
        try (LmDiskannIndex index = build(new InMemoryJournal())) {
            for (int row = BUILT; row < BUILT + 300; row++) {
                index.insert(key(row), sift.base()[row]);
            }
            assertThat(index.stats().liveCount()).isEqualTo(BUILT + 300);
            assertThat(index.stats().journalBlocks()).isGreaterThan(300);
            for (int row = BUILT; row < BUILT + 300; row++) {
                List<Neighbor> top = index.search(sift.base()[row], SearchParams.top(1)).neighbors();
                assertThat(top).singleElement().satisfies(n -> assertThat(n.distance()).isZero());
                assertThat(top.getFirst().rowKey()).isEqualTo(key(row));
            }
            Set<Integer> live = new HashSet<>();
            IntStream.range(0, BUILT + 300).forEach(live::add);
            assertThat(recall(index, live, 100)).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void deletedVectorsAreNeverReturned() throws Exception {
        try (LmDiskannIndex index = build(new InMemoryJournal())) {
            SplittableRandom random = new SplittableRandom(4);
            Set<Integer> live = new HashSet<>();
            IntStream.range(0, BUILT).forEach(live::add);
            Set<Long> deleted = new HashSet<>();
            while (deleted.size() < 300) {
                int row = random.nextInt(BUILT);
                if (deleted.add(key(row))) {
                    assertThat(index.delete(key(row))).isTrue();
                    live.remove(row);
                }
            }
            assertThat(index.delete(424242L)).isFalse();
            assertThat(index.stats().liveCount()).isEqualTo(BUILT - 300);
            assertThat(index.stats().pendingDeletes()).isEqualTo(300);
            for (int q = 0; q < 100; q++) {
                List<Neighbor> result = index.search(sift.queries()[q], SearchParams.top(10)).neighbors();
                assertThat(result).hasSize(10).noneMatch(n -> deleted.contains(n.rowKey()));
            }
            for (long key : deleted) {
                assertThat(index.search(sift.base()[(int) key], SearchParams.top(3)).neighbors())
                        .noneMatch(n -> deleted.contains(n.rowKey()));
            }
            assertThat(recall(index, live, 100)).isGreaterThanOrEqualTo(0.9);

            MergeResult merge = index.merge();
            assertThat(merge.slotsFreed()).isEqualTo(300);
            assertThat(merge.nodesPatched()).isPositive();
            assertThat(index.stats().pendingDeletes()).isZero();
            assertThat(index.stats().freeSlots() + merge.slotsTruncated()).isEqualTo(300);
            for (int q = 0; q < 100; q++) {
                assertThat(index.search(sift.queries()[q], SearchParams.top(10)).neighbors())
                        .hasSize(10).noneMatch(n -> deleted.contains(n.rowKey()));
            }
            assertThat(recall(index, live, 100)).isGreaterThanOrEqualTo(0.9);
        }
    }

    @Test
    void mergeKeepsResultsIdenticalAndReopenReproducesThem() throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        List<List<Neighbor>> beforeMerge;
        long bytesBefore;
        try (LmDiskannIndex index = build(journal)) {
            bytesBefore = index.fileBytes();
            for (int row = BUILT; row < BUILT + 200; row++) {
                index.insert(key(row), sift.base()[row]);
            }
            beforeMerge = answers(index, 50);
            MergeResult merge = index.merge();
            assertThat(merge.blocksWritten()).isGreaterThan(200).isLessThanOrEqualTo(BUILT + 200);
            assertThat(merge.mergeSequence()).isEqualTo(1);
            assertThat(journal.size()).isZero();
            assertThat(index.stats().journalBlocks()).isZero();
            assertThat(index.fileBytes()).isEqualTo(bytesBefore + 200L * index.stats().blockBytes());
            assertThat(answers(index, 50)).isEqualTo(beforeMerge);
            assertThat(index.merge().blocksWritten()).isZero();
        }
        try (LmDiskannIndex reopened = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(answers(reopened, 50)).isEqualTo(beforeMerge);
            assertThat(reopened.stats().liveCount()).isEqualTo(BUILT + 200);
        }
    }

    @Test
    void reopeningReplaysTheJournalWithoutAMerge() throws Exception {
        InMemoryJournal journal = new InMemoryJournal();
        List<List<Neighbor>> before;
        try (LmDiskannIndex index = build(journal)) {
            for (int row = BUILT; row < BUILT + 100; row++) {
                index.insert(key(row), sift.base()[row]);
            }
            for (int row = 0; row < 50; row++) {
                index.delete(key(row * 7));
            }
            before = answers(index, 50);
        }
        try (LmDiskannIndex reopened = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(answers(reopened, 50)).isEqualTo(before);
            assertThat(reopened.stats().liveCount()).isEqualTo(BUILT + 50);
            assertThat(reopened.stats().pendingDeletes()).isEqualTo(50);
            assertThat(reopened.delete(key(7))).isFalse();
            assertThat(reopened.delete(key(BUILT + 5))).isTrue();
        }
    }

    @Test
    void freedSlotsAreReusedAndFreeTailSlotsAreTruncated() throws Exception {
        try (LmDiskannIndex index = build(new InMemoryJournal())) {
            long bytes = index.fileBytes();
            int block = index.stats().blockBytes();
            for (int row = BUILT - 10; row < BUILT; row++) {
                index.delete(key(row));
            }
            for (int row = 100; row < 120; row++) {
                index.delete(key(row));
            }
            MergeResult merge = index.merge();
            assertThat(merge.slotsTruncated()).isEqualTo(10);
            assertThat(index.fileBytes()).isEqualTo(bytes - 10L * block);
            assertThat(index.stats().freeSlots()).isEqualTo(20);
            assertThat(index.stats().nodeSlots()).isEqualTo(BUILT - 10);
            Set<Integer> reusedIds = new HashSet<>();
            for (int row = BUILT; row < BUILT + 20; row++) {
                index.insert(key(row), sift.base()[row]);
                Neighbor self = index.search(sift.base()[row], SearchParams.top(1)).neighbors().getFirst();
                assertThat(self.rowKey()).isEqualTo(key(row));
                reusedIds.add(self.nodeId());
            }
            assertThat(reusedIds).allSatisfy(id -> assertThat(id).isBetween(100, 119));
            assertThat(index.stats().nodeSlots()).isEqualTo(BUILT - 10);
            assertThat(index.stats().freeSlots()).isZero();
        }
    }

    @Test
    void aMergeInterruptedBeforeItsAcknowledgementCanBeRepeated() throws Exception {
        FlakyJournal journal = new FlakyJournal();
        List<List<Neighbor>> before;
        try (LmDiskannIndex index = build(journal)) {
            for (int row = BUILT; row < BUILT + 100; row++) {
                index.insert(key(row), sift.base()[row]);
            }
            before = answers(index, 30);
            journal.failAcknowledgements = true;
            assertThatThrownBy(index::merge).hasMessageContaining("crash before the acknowledgement");
        }
        assertThat(journal.delegate.size()).isPositive();
        journal.failAcknowledgements = false;
        try (LmDiskannIndex reopened = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(answers(reopened, 30)).isEqualTo(before);
            reopened.merge();
            assertThat(journal.delegate.size()).isZero();
            assertThat(answers(reopened, 30)).isEqualTo(before);
        }
        try (LmDiskannIndex again = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(answers(again, 30)).isEqualTo(before);
        }
    }

    @Test
    void aSlotTruncatedByAnUnacknowledgedMergeIsSafelyReused() throws Exception {
        FlakyJournal journal = new FlakyJournal();
        try (LmDiskannIndex index = build(journal)) {
            index.delete(key(BUILT - 1));
            journal.failAcknowledgements = true;
            assertThatThrownBy(index::merge).hasMessageContaining("crash before the acknowledgement");
        }
        journal.failAcknowledgements = false;
        try (LmDiskannIndex reopened = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(reopened.stats().nodeSlots()).isEqualTo(BUILT - 1);
            reopened.insert(key(BUILT), sift.base()[BUILT]);
            Neighbor self = reopened.search(sift.base()[BUILT], SearchParams.top(1)).neighbors().getFirst();
            assertThat(self.nodeId()).isEqualTo(BUILT - 1);
            assertThat(self.rowKey()).isEqualTo(key(BUILT));
        }
        try (LmDiskannIndex again = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(again.search(sift.base()[BUILT], SearchParams.top(1)).neighbors().getFirst().rowKey())
                    .isEqualTo(key(BUILT));
            again.merge();
        }
        try (LmDiskannIndex merged = LmDiskannIndex.open(dir, OpenOptions.defaults(), journal)) {
            assertThat(merged.stats().journalBlocks()).isZero();
            assertThat(merged.search(sift.base()[BUILT], SearchParams.top(1)).neighbors().getFirst().rowKey())
                    .isEqualTo(key(BUILT));
        }
    }

    @Test
    void aFailedJournalWriteDiscardsTheOperation() throws Exception {
        FlakyJournal journal = new FlakyJournal();
        try (LmDiskannIndex index = build(journal)) {
            IndexStats before = index.stats();
            journal.failRecords = true;
            assertThatThrownBy(() -> index.insert(key(BUILT), sift.base()[BUILT]))
                    .hasMessageContaining("journal unavailable");
            assertThatThrownBy(() -> index.delete(key(3))).hasMessageContaining("journal unavailable");
            assertThat(index.stats().liveCount()).isEqualTo(before.liveCount());
            assertThat(index.stats().journalBlocks()).isZero();
            assertThat(index.search(sift.base()[BUILT], SearchParams.top(1)).neighbors().getFirst().rowKey())
                    .isNotEqualTo(key(BUILT));
            journal.failRecords = false;
            index.insert(key(BUILT), sift.base()[BUILT]);
            assertThat(index.delete(key(3))).isTrue();
            assertThat(index.search(sift.base()[BUILT], SearchParams.top(1)).neighbors().getFirst().rowKey())
                    .isEqualTo(key(BUILT));
        }
    }

    @Test
    void badInsertsAreRefusedAndChangeNothing() throws Exception {
        try (LmDiskannIndex index = build(new InMemoryJournal())) {
            assertThatThrownBy(() -> index.insert(5L, sift.base()[BUILT]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("row key 5 is already indexed");
            assertThatThrownBy(() -> index.insert(99_999L, new float[3]))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has 3 dimensions but the index has 128");
            float[] nan = sift.base()[BUILT].clone();
            nan[17] = Float.NaN;
            assertThatThrownBy(() -> index.insert(99_999L, nan))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("non-finite value (NaN) at position 17");
            assertThatThrownBy(() -> index.search(new float[5], SearchParams.top(3)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("query vector has 5 dimensions");
            assertThat(index.stats().liveCount()).isEqualTo(BUILT);
            assertThat(index.stats().journalBlocks()).isZero();
        }
    }

    @Test
    void anIndexEmptiedByDeletesAcceptsInsertsAgain() throws Exception {
        try (LmDiskannIndex index = build(new InMemoryJournal())) {
            for (int row = 0; row < BUILT; row++) {
                index.delete(key(row));
            }
            assertThat(index.search(sift.queries()[0], SearchParams.top(5)).neighbors()).isEmpty();
            index.merge();
            assertThat(index.stats().nodeSlots()).isZero();
            index.insert(7L, sift.base()[7]);
            index.insert(8L, sift.base()[8]);
            assertThat(index.search(sift.base()[8], SearchParams.top(2)).neighbors())
                    .extracting(Neighbor::rowKey).containsExactly(8L, 7L);
        }
    }
}
