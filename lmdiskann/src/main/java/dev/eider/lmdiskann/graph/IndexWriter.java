package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.RowKeyMap;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.quant.CodeScorer;
import dev.eider.lmdiskann.quant.NeighborCodec;
import dev.eider.lmdiskann.vector.VectorMetric;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;

/**
 * The single writer: LM-Insert, delete and delete consolidation. Each call reads the published view, builds
 * changed copies of the blocks it touches and returns them as a {@link WriteOperation}; nothing is visible
 * until the caller has journaled the operation, {@link #apply applied} it and published a new view.
 *
 * <p>Re-pruning an existing node uses the compressed neighbor vectors stored in its own block (as LM-DiskANN
 * does), so a back-edge or a repair costs one block read rather than one per neighbor. A back-edge into a full
 * list is decided incrementally, with distances scored straight from the stored codes: the list was pruned
 * before, so only the new node's relations need checking, and decoding 64 codes per back-edge would cost more
 * than the rest of the insert. Changed lists keep surviving neighbors in their slots, so a changed block differs
 * from its previous version in a few slots only (the journal stores such differences).
 */
public final class IndexWriter {

    private static final int CACHED_CODES = 16_384;

    private final IndexConfig config;
    private final BlockLayout layout;
    private final NeighborCodec codec;
    private final GraphSearcher searcher;
    private final RowKeyMap rowKeys;
    private final SearchScratch scratch;
    private final RobustPrune prune;
    private final Candidates candidates;
    private final GraphView.ReadCounters reads = new GraphView.ReadCounters();
    private final int dims;
    private final int maxDegree;
    private final float[] vector;
    private final int[] chosen;
    private final VectorMetric metric;
    /** Whether code scores are the distances RobustPrune uses (not for inner product, which prunes by L2). */
    private final boolean scoresArePruneDistances;
    private final CodeScorer ownerScorer;
    private final CodeScorer newNodeScorer;
    private final float[] toOwner;
    private final float[] toNewNode;
    private final boolean[] dropped;
    /** The out-neighbors of the node being inserted: the list members its back-links may evict. */
    private final IntHashSet listedByNew;
    /** Codes of recent neighbors; about 2.5 MB at 384 dimensions (ternary codes). */
    private final NodeCodes codes = new NodeCodes(CACHED_CODES);

    private final ArrayDeque<Integer> freeSlots = new ArrayDeque<>();
    private final TreeSet<Integer> pendingDeletes = new TreeSet<>();
    private long epoch;

    public IndexWriter(IndexConfig config, VectorMetric metric, BlockLayout layout, NeighborCodec codec,
                       GraphSearcher searcher, RowKeyMap rowKeys, int[] freeSlots, int[] pendingDeletes, long epoch) {
        this.config = config;
        this.layout = layout;
        this.codec = codec;
        this.searcher = searcher;
        this.rowKeys = rowKeys;
        this.scratch = searcher.newScratch();
        this.dims = config.dimensions();
        this.maxDegree = config.maxDegree();
        this.prune = new RobustPrune(metric.kernels(), metric.metric(), dims);
        this.candidates = new Candidates(dims, layout.codeBytes());
        this.vector = new float[dims];
        this.chosen = new int[maxDegree];
        this.metric = metric;
        this.scoresArePruneDistances = metric.metric() != Metric.INNER_PRODUCT;
        this.ownerScorer = codec.newScorer();
        this.newNodeScorer = codec.newScorer();
        this.toOwner = new float[maxDegree];
        this.listedByNew = new IntHashSet(2 * maxDegree);
        this.toNewNode = new float[maxDegree];
        this.dropped = new boolean[maxDegree];
        for (int slot : freeSlots) {
            this.freeSlots.add(slot);
        }
        for (int id : pendingDeletes) {
            this.pendingDeletes.add(id);
        }
        this.epoch = epoch;
    }

    public int freeSlotCount() {
        return freeSlots.size();
    }

    public int pendingDeleteCount() {
        return pendingDeletes.size();
    }

    /** The counters of {@code view} as a journal meta row, with the writer's current free list. */
    public IndexMeta meta(GraphView view, long mergeSequence) {
        return new IndexMeta(view.nodeSlots(), view.entryPoint(), view.liveCount(), currentFreeSlots(),
                mergeSequence, epoch);
    }

    /** The counters after {@code op}, published as {@code next}, as a journal meta row. */
    public IndexMeta metaAfter(WriteOperation op, GraphView next, long mergeSequence) {
        int[] free = op.freeAfter != null ? op.freeAfter : currentFreeSlots();
        return new IndexMeta(next.nodeSlots(), next.entryPoint(), next.liveCount(), free, mergeSequence, op.epoch);
    }

    private int[] currentFreeSlots() {
        return freeSlots.stream().mapToInt(Integer::intValue).toArray();
    }

    /** Makes a journaled operation the writer's state. */
    public void apply(WriteOperation op) {
        op.onApply.run();
        epoch = op.epoch;
    }

    /** The view after {@code op}. */
    public GraphView publish(GraphView view, WriteOperation op) {
        return view.withJournal(view.journal().with(op.changed), op.entryPoint, op.nodeSlots, op.liveCount,
                op.epoch);
    }

    private byte[] read(GraphView view, WriteOperation op, int id) {
        byte[] changed = op.changed.get(id);
        return changed != null ? changed : view.block(id, reads);
    }

    /** A private copy of the newest block of {@code id}, registered as changed in {@code op}. */
    private byte[] modify(GraphView view, WriteOperation op, int id) {
        byte[] changed = op.changed.get(id);
        if (changed == null) {
            byte[] base = view.block(id, reads);
            changed = base.clone();
            op.changed.put(id, changed);
            op.bases.put(id, base);
        }
        return changed;
    }

    private void bumpVersion(byte[] block, WriteOperation op, int flags, int degree) {
        layout.writeHeader(block, layout.nodeId(block), flags, layout.rowKey(block), op.epoch,
                layout.version(block) + 1, degree);
    }

    /** LM-Insert of a vector in stored form. */
    public WriteOperation insert(GraphView view, long rowKey, float[] newVector) {
        int existing = rowKeys.nodeOf(rowKey);
        if (existing != RowKeyMap.NO_NODE) {
            throw new IllegalArgumentException("row key " + rowKey + " is already indexed (node " + existing
                    + "): delete it before inserting it again");
        }
        WriteOperation op = new WriteOperation(epoch + 1, view.entryPoint(), view.nodeSlots(), view.liveCount() + 1);
        boolean reuse = !freeSlots.isEmpty();
        int id = reuse ? freeSlots.peekLast() : view.nodeSlots();
        long version = previousVersion(view, id, reuse) + 1;
        if (reuse) {
            int[] free = currentFreeSlots();
            op.freeAfter = Arrays.copyOf(free, free.length - 1);
        } else {
            op.nodeSlots = id + 1;
        }
        byte[] code = new byte[layout.codeBytes()];
        codec.encode(newVector, code, 0);
        int degree = 0;
        if (view.entryPoint() < 0) {
            op.entryPoint = id;
        } else {
            degree = chooseNeighbors(view, newVector);
        }
        byte[] block = new byte[layout.blockSize()];
        layout.writeHeader(block, id, 0, rowKey, op.epoch, version, degree);
        layout.writeVector(block, newVector, 0);
        for (int i = 0; i < degree; i++) {
            byte[] neighborCode = codes.get(chosen[i]);
            if (neighborCode == null) {
                neighborCode = new byte[layout.codeBytes()];
                candidates.vector(candidates.indexOf(chosen[i]), vector);
                codec.encode(vector, neighborCode, 0);
                codes.put(chosen[i], neighborCode);
            }
            layout.setNeighbor(block, i, chosen[i], neighborCode, 0);
        }
        layout.seal(block);
        op.changed.put(id, block);
        if (degree > 0 && scoresArePruneDistances) {
            newNodeScorer.setQuery(newVector);
        }
        int[] neighbors = Arrays.copyOf(chosen, degree);
        listedByNew.clear();
        for (int n : neighbors) {
            listedByNew.add(n);
        }
        for (int i = 0; i < degree; i++) {
            if (!linkBack(view, op, neighbors[i], id, newVector, code) && i < InEdgeFloor.LINKED_NEAREST) {
                replaceFarthest(view, op, neighbors[i], id, code);
            }
        }
        op.onApply = () -> {
            if (reuse) {
                freeSlots.pollLast();
            }
            rowKeys.put(rowKey, id);
            codes.put(id, code);
        };
        return op;
    }

    /**
     * The version a slot had: a reused slot's free block, or for a new slot a block the journal may still hold
     * from before a tail truncation (so versions keep growing per node id).
     */
    private long previousVersion(GraphView view, int id, boolean reuse) {
        if (reuse) {
            return layout.version(view.block(id, reads));
        }
        byte[] truncated = view.journal().get(id);
        return truncated == null ? 0 : layout.version(truncated);
    }

    /** Searches with the build beam width and prunes the expanded live nodes into at most R neighbors. */
    private int chooseNeighbors(GraphView view, float[] newVector) {
        scratch.recordExpanded = true;
        try {
            scratch.start(newVector);
            scratch.results.reset(1);
            searcher.beam(view, scratch, config.buildSearchL());
        } finally {
            scratch.recordExpanded = false;
        }
        candidates.reset();
        for (int i = 0; i < scratch.expandedCount; i++) {
            int node = scratch.expandedIds[i];
            layout.readVector(view.block(node, reads), vector);
            candidates.add(node, vector);
        }
        return prune.prune(newVector, 0, candidates.count(), candidates.ids(), candidates.vectors(), config.alpha(),
                maxDegree, chosen);
    }

    /**
     * Adds {@code p} (with its code) to q's list. A full list takes p only if no nearer neighbor covers it
     * ({@code alpha * d(n, p) <= d(q, p)}); p then evicts the farther neighbors it covers, or else the farthest
     * one, but only neighbors that p lists itself ({@link #listedByNew}), which stay reachable through p. A
     * list that does not change is not copied, so it is not journaled either. Returns whether p is in q's list
     * afterwards.
     */
    private boolean linkBack(GraphView view, WriteOperation op, int q, int p, float[] pVector, byte[] pCode) {
        byte[] current = read(view, op, q);
        int degree = layout.degree(current);
        if (listed(current, degree, p)) {
            return true;
        }
        if (degree < maxDegree) {
            byte[] block = modify(view, op, q);
            layout.setNeighbor(block, degree, p, pCode, 0);
            bumpVersion(block, op, layout.flags(block), degree + 1);
            layout.seal(block);
            return true;
        }
        if (!scoresArePruneDistances) {
            byte[] block = modify(view, op, q);
            candidates.reset();
            candidates.exclude(q);
            for (int i = 0; i < degree; i++) {
                addStoredNeighbor(block, i);
            }
            candidates.add(p, pVector, pCode, 0);
            rewriteNeighbors(block, op);
            layout.seal(block);
            return listed(block, layout.degree(block), p);
        }
        if (!chooseEvictions(current, degree, pVector)) {
            return false;
        }
        byte[] block = modify(view, op, q);
        for (int i = 0; i < degree; i++) {
            if (dropped[i]) {
                layout.setNeighbor(block, i, p, pCode, 0);
                dropped[i] = false;
                break;
            }
        }
        int kept = compact(block, degree);
        bumpVersion(block, op, layout.flags(block), kept);
        layout.seal(block);
        return true;
    }

    /**
     * Puts p into q's full list, which did not take it, in place of the farthest member that p lists (so it stays
     * reachable through p), or of the farthest member when p lists none. An insert does this in the lists of its
     * {@link InEdgeFloor#LINKED_NEAREST} nearest neighbors, as the build does: otherwise a new node that every
     * neighbor's list rejected has no in-edge, and no search reaches it, not even one for its own vector.
     */
    private void replaceFarthest(GraphView view, WriteOperation op, int q, int p, byte[] pCode) {
        byte[] block = modify(view, op, q);
        int degree = layout.degree(block);
        float[] self = new float[dims];
        layout.readVector(block, self);
        if (scoresArePruneDistances) {
            ownerScorer.setQuery(self);
        }
        int farthest = 0;
        float farthestDistance = Float.NEGATIVE_INFINITY;
        boolean farthestViaP = false;
        for (int i = 0; i < degree; i++) {
            boolean viaP = listedByNew.contains(layout.neighbor(block, i));
            float d = scoresArePruneDistances ? ownerScorer.distance(block, layout.codeOffset(i))
                    : decodedDistance(self, block, i);
            if ((viaP && !farthestViaP) || (viaP == farthestViaP && d > farthestDistance)) {
                farthest = i;
                farthestDistance = d;
                farthestViaP = viaP;
            }
        }
        layout.setNeighbor(block, farthest, p, pCode, 0);
        bumpVersion(block, op, layout.flags(block), degree);
        layout.seal(block);
    }

    /**
     * Marks in {@link #dropped} the neighbors of the full block {@code owner} that the new node (scored by
     * {@link #newNodeScorer}) replaces; false when the new node does not get into the list.
     */
    private boolean chooseEvictions(byte[] owner, int degree, float[] pVector) {
        layout.readVector(owner, vector);
        float toP = Math.max(0f, metric.distance(vector, pVector));
        ownerScorer.setQuery(vector);
        float alpha = config.alpha();
        for (int i = 0; i < degree; i++) {
            int code = layout.codeOffset(i);
            toOwner[i] = ownerScorer.distance(owner, code);
            toNewNode[i] = newNodeScorer.distance(owner, code);
            if (toOwner[i] < toP && alpha * toNewNode[i] <= toP) {
                return false;
            }
        }
        boolean any = false;
        int farthest = -1;
        for (int i = 0; i < degree; i++) {
            boolean viaP = listedByNew.contains(layout.neighbor(owner, i));
            dropped[i] = viaP && toOwner[i] > toP && alpha * toNewNode[i] <= toOwner[i];
            any |= dropped[i];
            if (viaP && toOwner[i] > toP && (farthest < 0 || toOwner[i] > toOwner[farthest])) {
                farthest = i;
            }
        }
        if (!any) {
            if (farthest < 0) {
                return false;
            }
            dropped[farthest] = true;
        }
        return true;
    }

    /**
     * Closes the gaps the {@link #dropped} slots leave among the first {@code degree} by moving the last kept
     * neighbors into them (other neighbors keep their slots), clears the rest; returns the new degree.
     */
    private int compact(byte[] block, int degree) {
        int kept = 0;
        for (int i = 0; i < degree; i++) {
            if (!dropped[i]) {
                kept++;
            }
        }
        int from = degree - 1;
        for (int i = 0; i < kept; i++) {
            if (!dropped[i]) {
                continue;
            }
            while (dropped[from]) {
                from--;
            }
            layout.setNeighbor(block, i, layout.neighbor(block, from), block, layout.codeOffset(from));
            dropped[from] = true;
            from--;
        }
        layout.clearNeighborsFrom(block, kept);
        return kept;
    }

    /** The pruning distance from {@code self} to neighbor {@code i} of {@code block}, decoded from its code. */
    private float decodedDistance(float[] self, byte[] block, int i) {
        codec.decode(block, layout.codeOffset(i), vector);
        return prune.distance(self, 0, vector, 0);
    }

    /** Adds neighbor {@code i} of {@code source} as a candidate, its vector decoded from the stored code. */
    private void addStoredNeighbor(byte[] source, int i) {
        codec.decode(source, layout.codeOffset(i), vector);
        candidates.add(layout.neighbor(source, i), vector, source, layout.codeOffset(i));
    }

    /** Prunes the current candidates around the node of {@code block} and stores them with their codes. */
    private void rewriteNeighbors(byte[] block, WriteOperation op) {
        float[] self = new float[dims];
        layout.readVector(block, self);
        int kept = prune.prune(self, 0, candidates.count(), candidates.ids(), candidates.vectors(), config.alpha(),
                maxDegree, chosen);
        for (int i = 0; i < kept; i++) {
            int at = candidates.indexOf(chosen[i]);
            layout.setNeighbor(block, i, chosen[i], candidates.codes(), candidates.codeOffset(at));
        }
        layout.clearNeighborsFrom(block, kept);
        bumpVersion(block, op, layout.flags(block), kept);
    }

    /**
     * Tombstones the node of {@code rowKey} (searches still route through it) and unlinks it from its
     * out-neighbors that point back; null if the key is not indexed. Nodes elsewhere that point at it are
     * patched by {@link #consolidate}.
     */
    public WriteOperation delete(GraphView view, long rowKey) {
        int id = rowKeys.nodeOf(rowKey);
        if (id == RowKeyMap.NO_NODE) {
            return null;
        }
        WriteOperation op = new WriteOperation(epoch + 1, view.entryPoint(), view.nodeSlots(), view.liveCount() - 1);
        byte[] deleted = modify(view, op, id);
        bumpVersion(deleted, op, layout.flags(deleted) | BlockLayout.FLAG_TOMBSTONE, layout.degree(deleted));
        layout.seal(deleted);
        Set<Integer> gone = Set.of(id);
        int degree = layout.degree(deleted);
        for (int i = 0; i < degree; i++) {
            int q = layout.neighbor(deleted, i);
            if (q == id || pendingDeletes.contains(q)) {
                continue;
            }
            byte[] qBlock = read(view, op, q);
            if (!layout.isTombstone(qBlock) && pointsAtAny(qBlock, gone)) {
                unlink(view, op, q, deleted, gone);
                layout.seal(op.changed.get(q));
            }
        }
        if (view.entryPoint() == id) {
            op.entryPoint = newEntryPoint(view, op, deleted, id);
        }
        op.onApply = () -> {
            pendingDeletes.add(id);
            rowKeys.remove(rowKey);
        };
        return op;
    }

    private boolean pointsAtAny(byte[] block, Set<Integer> targets) {
        int degree = layout.degree(block);
        for (int i = 0; i < degree; i++) {
            if (targets.contains(layout.neighbor(block, i))) {
                return true;
            }
        }
        return false;
    }

    /**
     * Removes the deleted node from q's list and puts into its slot the deleted node's neighbor nearest to q
     * (approximate distance from its stored code, scored with q as the query) that q does not already have: cheap,
     * and keeps q's neighborhood connected until the merge consolidates properly.
     */
    private void unlink(GraphView view, WriteOperation op, int q, byte[] deleted, Set<Integer> gone) {
        byte[] block = modify(view, op, q);
        int degree = layout.degree(block);
        for (int i = 0; i < degree; i++) {
            dropped[i] = gone.contains(layout.neighbor(block, i));
        }
        layout.readVector(block, vector);
        scratch.scorer.setQuery(vector);
        int best = -1;
        float bestDistance = Float.POSITIVE_INFINITY;
        int deletedDegree = layout.degree(deleted);
        for (int j = 0; j < deletedDegree; j++) {
            int n = layout.neighbor(deleted, j);
            if (n == q || isDeleted(n, gone) || listed(block, degree, n)) {
                continue;
            }
            float d = scratch.scorer.distance(deleted, layout.codeOffset(j));
            if (d < bestDistance) {
                bestDistance = d;
                best = j;
            }
        }
        if (best >= 0) {
            for (int i = 0; i < degree; i++) {
                if (dropped[i]) {
                    layout.setNeighbor(block, i, layout.neighbor(deleted, best), deleted, layout.codeOffset(best));
                    dropped[i] = false;
                    break;
                }
            }
        }
        bumpVersion(block, op, layout.flags(block), compact(block, degree));
    }

    private boolean listed(byte[] block, int degree, int id) {
        for (int i = 0; i < degree; i++) {
            if (layout.neighbor(block, i) == id) {
                return true;
            }
        }
        return false;
    }

    private boolean isDeleted(int id, Set<Integer> gone) {
        return gone.contains(id) || pendingDeletes.contains(id);
    }

    /**
     * Replaces q's edges to {@code gone} nodes by those nodes' own live neighbors and re-prunes, using the codes
     * stored in the blocks (FreshDiskANN-style consolidation).
     */
    private void repair(GraphView view, WriteOperation op, int q, Set<Integer> gone) {
        byte[] block = modify(view, op, q);
        candidates.reset();
        candidates.exclude(q);
        int degree = layout.degree(block);
        for (int i = 0; i < degree; i++) {
            if (!isDeleted(layout.neighbor(block, i), gone)) {
                addStoredNeighbor(block, i);
            }
        }
        for (int i = 0; i < degree; i++) {
            int d = layout.neighbor(block, i);
            if (!gone.contains(d)) {
                continue;
            }
            byte[] goneBlock = read(view, op, d);
            int goneDegree = layout.degree(goneBlock);
            for (int j = 0; j < goneDegree; j++) {
                if (!isDeleted(layout.neighbor(goneBlock, j), gone)) {
                    addStoredNeighbor(goneBlock, j);
                }
            }
        }
        rewriteNeighbors(block, op);
    }

    private int newEntryPoint(GraphView view, WriteOperation op, byte[] deleted, int id) {
        if (op.liveCount == 0) {
            return -1;
        }
        int degree = layout.degree(deleted);
        for (int i = 0; i < degree; i++) {
            int n = layout.neighbor(deleted, i);
            if (n != id && !pendingDeletes.contains(n) && !layout.isTombstone(read(view, op, n))) {
                return n;
            }
        }
        for (int n = 0; n < view.nodeSlots(); n++) {
            if (n != id && !pendingDeletes.contains(n) && !layout.isTombstone(read(view, op, n))) {
                return n;
            }
        }
        return -1;
    }

    /**
     * Merge-time consolidation: every live node still pointing at a pending delete gets that node's neighbors
     * instead, then the deleted slots are marked free and free tail slots are cut off. Null when there is
     * nothing to consolidate.
     */
    public WriteOperation consolidate(GraphView view) {
        if (pendingDeletes.isEmpty()) {
            return null;
        }
        WriteOperation op = new WriteOperation(epoch + 1, view.entryPoint(), view.nodeSlots(), view.liveCount());
        Set<Integer> gone = Set.copyOf(pendingDeletes);
        for (int q = 0; q < view.nodeSlots(); q++) {
            if (gone.contains(q)) {
                continue;
            }
            byte[] block = read(view, op, q);
            if (!layout.isTombstone(block) && pointsAtAny(block, gone)) {
                repair(view, op, q, gone);
                layout.seal(op.changed.get(q));
            }
        }
        op.nodesPatched = op.changed.size();
        for (int d : gone) {
            byte[] block = modify(view, op, d);
            layout.clearNeighborsFrom(block, 0);
            bumpVersion(block, op, BlockLayout.FLAG_TOMBSTONE | BlockLayout.FLAG_FREE, 0);
            layout.seal(block);
        }
        op.slotsFreed = gone.size();
        int slots = view.nodeSlots();
        TreeSet<Integer> free = new TreeSet<>(freeSlots);
        free.addAll(gone);
        while (slots > 0 && free.contains(slots - 1)) {
            free.remove(slots - 1);
            slots--;
        }
        op.nodeSlots = slots;
        op.freeAfter = free.stream().mapToInt(Integer::intValue).toArray();
        op.onApply = () -> {
            freeSlots.clear();
            freeSlots.addAll(free);
            pendingDeletes.clear();
            codes.removeAll(gone);
        };
        return op;
    }
}
