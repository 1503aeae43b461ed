package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Searches run while one writer inserts, deletes and merges. */
class ConcurrencyTest {

    private static final int BUILT = 1000;

    @TempDir
    Path dir;

    @Test
    void searchesDuringInsertsDeletesAndMergesNeverFailNorSeeDeletedRows() throws Exception {
        Dataset sift = Dataset.sift5k();
        try (LmDiskannIndex index = LmDiskannIndex.build(dir, IndexConfig.defaults(128, Metric.L2),
                VectorSource.of(Arrays.copyOf(sift.base(), BUILT)), BuildOptions.defaults(),
                new InMemoryJournal())) {
            Set<Long> deleted = ConcurrentHashMap.newKeySet();
            List<Throwable> failures = new CopyOnWriteArrayList<>();
            AtomicBoolean writing = new AtomicBoolean(true);
            AtomicLong searches = new AtomicLong();
            CountDownLatch started = new CountDownLatch(3);
            Thread[] readers = new Thread[3];
            for (int t = 0; t < readers.length; t++) {
                int offset = t;
                readers[t] = Thread.ofPlatform().start(() -> {
                    started.countDown();
                    int q = offset;
                    while (writing.get() || q < 30) {
                        try {
                            Set<Long> deletedBefore = Set.copyOf(deleted);
                            float[] query = sift.queries()[q++ % sift.queries().length];
                            List<Neighbor> result = index.search(query, SearchParams.top(10)).neighbors();
                            assertThat(result).hasSize(10)
                                    .isSortedAccordingTo((a, b) -> Float.compare(a.distance(), b.distance()))
                                    .noneMatch(n -> deletedBefore.contains(n.rowKey()));
                            searches.incrementAndGet();
                        } catch (Throwable e) {
                            failures.add(e);
                            return;
                        }
                    }
                });
            }
            started.await();
            for (int i = 0; i < 300; i++) {
                int row = BUILT + i;
                index.insert(100_000L + row, sift.base()[row]);
                if (i % 3 == 0) {
                    long victim = i;
                    index.delete(victim);
                    deleted.add(victim);
                }
                if (i % 100 == 99) {
                    index.merge();
                }
            }
            writing.set(false);
            for (Thread reader : readers) {
                reader.join();
            }
            assertThat(failures).isEmpty();
            assertThat(searches.get()).isGreaterThanOrEqualTo(90);
            assertThat(index.stats().liveCount()).isEqualTo(BUILT + 300 - 100);
        }
    }
}
