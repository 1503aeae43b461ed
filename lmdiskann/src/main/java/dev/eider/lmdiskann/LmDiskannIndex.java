package dev.eider.lmdiskann;

import dev.eider.lmdiskann.disk.BlockCache;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.disk.GraphFile;
import dev.eider.lmdiskann.disk.GraphHeader;
import dev.eider.lmdiskann.graph.GraphLoader;
import dev.eider.lmdiskann.graph.GraphSearcher;
import dev.eider.lmdiskann.graph.GraphView;
import dev.eider.lmdiskann.graph.IndexWriter;
import dev.eider.lmdiskann.graph.JournalOverlay;
import dev.eider.lmdiskann.graph.SearchScratch;
import dev.eider.lmdiskann.graph.WriteOperation;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.Journal;
import dev.eider.lmdiskann.journal.JournalBatch;
import dev.eider.lmdiskann.journal.JournalBlock;
import dev.eider.lmdiskann.journal.JournalState;
import dev.eider.lmdiskann.quant.NeighborCodec;
import dev.eider.lmdiskann.vector.VectorKernels;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A disk-resident LM-DiskANN vector index in one folder ({@code graph.lmd}). Many threads may search at once;
 * {@link #insert}, {@link #delete} and {@link #merge} are serialised (one writer). A search works on an
 * immutable published view, so it never sees half an operation; merges wait for running searches before they
 * overwrite blocks in the file. Between {@link #deferPublication} and {@link #publishDeferred} the writer works
 * ahead of what searches see, so that a caller's transaction is visible only once it has committed.
 */
public final class LmDiskannIndex implements AutoCloseable {

    /** Name of the graph file inside the index folder. */
    public static final String GRAPH_FILE = "graph.lmd";

    private final IndexConfig config;
    private final VectorMetric metric;
    private final GraphFile file;
    private final BlockCache cache;
    private final BlockLayout layout;
    private final GraphSearcher searcher;
    private final IndexWriter writer;
    private final Journal journal;
    private final ReentrantLock writeLock = new ReentrantLock();
    private final ReentrantReadWriteLock fileLock = new ReentrantReadWriteLock();
    private final ConcurrentLinkedQueue<SearchScratch> scratches = new ConcurrentLinkedQueue<>();
    /** What searches see. */
    private volatile GraphView view;
    /** The writer's newest state; ahead of {@link #view} while publication is deferred. */
    private GraphView latest;
    private boolean deferring;
    private volatile boolean closed;

    private LmDiskannIndex(IndexConfig config, VectorMetric metric, GraphFile file, BlockCache cache,
                           NeighborCodec codec, GraphView view, IndexWriter writer, GraphSearcher searcher,
                           Journal journal) {
        this.config = config;
        this.metric = metric;
        this.file = file;
        this.cache = cache;
        this.layout = file.layout();
        this.searcher = searcher;
        this.writer = writer;
        this.journal = journal;
        this.view = view;
        this.latest = view;
    }

    /**
     * Builds a new index from {@code source} into {@code dir} (created if missing; an existing graph is
     * replaced), in memory when the vectors fit the build budget, otherwise by insertion through the cache.
     * {@code journal} must be empty: blocks of a previous index would be laid over the new file.
     */
    public static LmDiskannIndex build(Path dir, IndexConfig config, VectorSource source, BuildOptions options,
                                       Journal journal) throws IOException {
        int stale = journal.load().blocks().size();
        if (stale > 0) {
            throw new IllegalStateException("the journal still holds " + stale
                    + " blocks of a previous index: clear it before building a new one");
        }
        new IndexBuilder(dir.resolve(GRAPH_FILE), config, source, options).build();
        return open(dir, new OpenOptions(options.cacheBytes(), null), journal);
    }

    /** Opens an index built earlier, applying the journal's blocks over the graph file. */
    public static LmDiskannIndex open(Path dir, OpenOptions options, Journal journal) throws IOException {
        Path path = dir.resolve(GRAPH_FILE);
        if (!Files.isRegularFile(path)) {
            throw new NoSuchFileException(path.toString(), null, "no LM-DiskANN graph file here: build the index first");
        }
        GraphFile file = GraphFile.open(path);
        try {
            GraphHeader header = file.header();
            IndexConfig config = header.config();
            JournalState state = journal.load();
            if (state.acknowledgedMergeSequence() > header.mergeSequence()) {
                throw new CorruptIndexException(path + " is at merge " + header.mergeSequence()
                        + " but the journal acknowledges merge " + state.acknowledgedMergeSequence()
                        + ": the graph file is older than its journal; rebuild the index");
            }
            JournalOverlay overlay = GraphLoader.overlay(state.blocks(), state.patches(), file);
            IndexMeta meta = state.meta();
            boolean journalNewer = meta != null && meta.epoch() >= header.epoch();
            int entry = journalNewer ? meta.entryPoint() : header.entryPoint();
            int slots = journalNewer ? meta.nextNodeId() : header.nodeSlots();
            long epoch = journalNewer ? meta.epoch() : header.epoch();
            if (slots < 0 || entry < -1 || entry >= Math.max(slots, 1)) {
                throw new CorruptIndexException(path + ": entry point " + entry + " and " + slots
                        + " slots are inconsistent; rebuild the index");
            }
            VectorMetric metric = new VectorMetric(config.metric(), VectorKernels.best());
            NeighborCodec codec = NeighborCodec.create(config.compression(), metric, header.center());
            BlockCache cache = new BlockCache(options.cacheBytes());
            GraphView view = new GraphView(file, cache, overlay, entry, slots, 0, epoch);
            RowKeyMap rowKeys = options.rowKeys() != null ? options.rowKeys() : new InMemoryRowKeyMap();
            GraphLoader.ScanResult scan = GraphLoader.scan(view, options.rowKeys() == null ? rowKeys : null);
            view = view.withJournal(overlay, entry, slots, scan.liveCount(), epoch);
            GraphSearcher searcher = new GraphSearcher(metric, file.layout(), codec, config.dimensions());
            GraphLoader.pinHot(view, searcher);
            IndexWriter writer = new IndexWriter(config, metric, file.layout(), codec, searcher, rowKeys,
                    scan.freeSlots(), scan.pendingDeletes(), epoch);
            return new LmDiskannIndex(config, metric, file, cache, codec, view, writer, searcher, journal);
        } catch (RuntimeException e) {
            file.close();
            throw e;
        }
    }

    public IndexConfig config() {
        return config;
    }

    /** Name of the distance kernels in use ("simd-256", "scalar"). */
    public String kernels() {
        return metric.kernels().name();
    }

    private float[] prepareQuery(float[] query) {
        VectorMetric.validate(query, config.dimensions(), "query vector");
        float[] q = query.clone();
        metric.prepare(q, 0, q.length);
        return q;
    }

    private void ensureOpen() {
        if (closed) {
            throw new IllegalStateException("the LM-DiskANN index at " + file.path() + " is closed");
        }
    }

    /** The nearest {@code params.k()} live vectors (allowed ones only when {@code params.allowed()} is set). */
    public SearchResult search(float[] query, SearchParams params) {
        float[] q = prepareQuery(query);
        int searchL = params.searchL() > 0 ? params.searchL() : config.searchL();
        SearchScratch s = borrowScratch();
        fileLock.readLock().lock();
        try {
            ensureOpen();
            GraphView v = view;
            return params.allowed() == null
                    ? searcher.topK(v, s, q, params.k(), searchL)
                    : searcher.filtered(v, s, q, params.k(), searchL, params.allowed(), params.visitBudget());
        } finally {
            fileLock.readLock().unlock();
            scratches.offer(s);
        }
    }

    /** Every live (allowed) vector within {@code radius} of the query, nearest first. */
    public SearchResult radius(float[] query, float radius, SearchParams params) {
        if (Float.isNaN(radius)) {
            throw new IllegalArgumentException("radius must be a number, got NaN");
        }
        float[] q = prepareQuery(query);
        int searchL = params.searchL() > 0 ? params.searchL() : config.searchL();
        SearchScratch s = borrowScratch();
        fileLock.readLock().lock();
        try {
            ensureOpen();
            return searcher.radius(view, s, q, metric.fromUser(radius), searchL, params.allowed(),
                    params.visitBudget());
        } finally {
            fileLock.readLock().unlock();
            scratches.offer(s);
        }
    }

    private SearchScratch borrowScratch() {
        SearchScratch s = scratches.poll();
        return s != null ? s : searcher.newScratch();
    }

    /** Adds one vector under {@code rowKey}; its blocks go to the journal before the change is published. */
    public void insert(long rowKey, float[] vector) {
        VectorMetric.validate(vector, config.dimensions(), "vector of row " + rowKey);
        float[] v = vector.clone();
        metric.prepare(v, 0, v.length);
        writeLock.lock();
        try {
            ensureOpen();
            commit(writer.insert(latest, rowKey, v));
        } finally {
            writeLock.unlock();
        }
    }

    /** Deletes the vector of {@code rowKey}; returns false when the key is not indexed. */
    public boolean delete(long rowKey) {
        writeLock.lock();
        try {
            ensureOpen();
            WriteOperation op = writer.delete(latest, rowKey);
            if (op == null) {
                return false;
            }
            commit(op);
            return true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Journals an operation, then makes it the writer's state and publishes it (unless deferred). */
    private void commit(WriteOperation op) {
        GraphView next = writer.publish(latest, op);
        journal.record(new JournalBatch(op.epoch(), op.journalBlocks(layout),
                writer.metaAfter(op, next, file.header().mergeSequence())));
        writer.apply(op);
        latest = next;
        if (!deferring) {
            view = next;
        }
    }

    /**
     * Keeps the following inserts and deletes from searches until {@link #publishDeferred}: for a journal that
     * writes into a transaction of the caller, which commits after the operations (a rolled-back transaction
     * must reopen the index, as the writer's state has moved on).
     */
    public void deferPublication() {
        writeLock.lock();
        try {
            deferring = true;
        } finally {
            writeLock.unlock();
        }
    }

    /** Makes every operation since {@link #deferPublication} visible to searches. */
    public void publishDeferred() {
        writeLock.lock();
        try {
            deferring = false;
            view = latest;
        } finally {
            writeLock.unlock();
        }
    }

    /**
     * Consolidates deletes (patching nodes that point at deleted ones, freeing their slots), then writes the
     * journal into the graph file in node order, truncates free tail slots, fsyncs and only then acknowledges
     * the merged blocks to the journal. Running it again after a crash is harmless.
     */
    public MergeResult merge() throws IOException {
        writeLock.lock();
        try {
            ensureOpen();
            if (deferring) {
                throw new IllegalStateException("cannot merge while operations wait to be published: the"
                        + " transaction that made them must end first");
            }
            int slotsBefore = latest.nodeSlots();
            int patched = 0;
            int freed = 0;
            WriteOperation consolidation = writer.consolidate(latest);
            if (consolidation != null) {
                commit(consolidation);
                patched = consolidation.nodesPatched();
                freed = consolidation.slotsFreed();
            }
            GraphView current = latest;
            List<JournalBlock> merged = new ArrayList<>();
            current.journal().forEach((block, id) -> merged.add(new JournalBlock(id, block, layout.version(block),
                    layout.epoch(block), layout.isTombstone(block), layout.storedCrc(block))));
            merged.sort(java.util.Comparator.comparingInt(JournalBlock::nodeId));
            long sequence = file.header().mergeSequence() + 1;
            GraphView after = current.withJournal(JournalOverlay.empty(), current.entryPoint(),
                    current.nodeSlots(), current.liveCount(), current.epoch());
            fileLock.writeLock().lock();
            try {
                for (JournalBlock b : merged) {
                    if (b.nodeId() < current.nodeSlots()) {
                        file.writeBlock(b.nodeId(), b.bytes());
                    }
                }
                file.writeHeader(file.header().withCounters(current.entryPoint(), current.nodeSlots(),
                        current.liveCount(), sequence, current.epoch()));
                file.force();
                for (JournalBlock b : merged) {
                    cache.refresh(b.nodeId(), b.nodeId() < current.nodeSlots() ? b.bytes() : null);
                }
                view = after;
                latest = after;
            } finally {
                fileLock.writeLock().unlock();
            }
            journal.acknowledgeMerged(sequence, merged, writer.meta(after, sequence));
            int truncated = Math.max(0, slotsBefore - current.nodeSlots());
            return new MergeResult(merged.size(), patched, freed, truncated, sequence, file.sizeBytes());
        } finally {
            writeLock.unlock();
        }
    }

    /** A consistent snapshot of the counters; waits for a running insert, delete or merge. */
    public IndexStats stats() {
        writeLock.lock();
        try {
            GraphView v = latest;
            return new IndexStats(config, v.liveCount(), v.nodeSlots(), writer.freeSlotCount(),
                    writer.pendingDeleteCount(), v.journal().size(), file.sizeBytes(), layout.blockSize(),
                    cache.weightedBytes(), cache.hits(), cache.misses(), file.header().mergeSequence());
        } finally {
            writeLock.unlock();
        }
    }

    /** Size of the graph file in bytes. */
    public long fileBytes() {
        return file.sizeBytes();
    }

    @Override
    public void close() throws IOException {
        writeLock.lock();
        fileLock.writeLock().lock();
        try {
            if (!closed) {
                closed = true;
                file.close();
                cache.invalidateAll();
            }
        } finally {
            fileLock.writeLock().unlock();
            writeLock.unlock();
        }
    }
}
