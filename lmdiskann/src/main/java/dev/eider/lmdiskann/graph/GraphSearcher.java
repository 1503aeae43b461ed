package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.AllowedIds;
import dev.eider.lmdiskann.SearchResult;
import dev.eider.lmdiskann.SearchStats;
import dev.eider.lmdiskann.SearchStrategy;
import dev.eider.lmdiskann.disk.BlockLayout;
import dev.eider.lmdiskann.quant.NeighborCodec;
import dev.eider.lmdiskann.vector.VectorMetric;

/**
 * Searches a {@link GraphView}. Approximate distances from the neighbor codes in each block decide where to go;
 * the full vector in each visited block gives the exact distance that ranks the results, so every hop is one
 * block read.
 */
public final class GraphSearcher {

    /** A radius search widens its beam until fewer than 1 in this many expanded nodes are in range. */
    private static final int RADIUS_BEAM_RATIO = 4;
    /** Radius argument meaning "no radius". */
    private static final float NO_RADIUS = Float.NaN;

    private final VectorMetric metric;
    private final BlockLayout layout;
    private final NeighborCodec codec;
    private final int dims;

    public GraphSearcher(VectorMetric metric, BlockLayout layout, NeighborCodec codec, int dims) {
        this.metric = metric;
        this.layout = layout;
        this.codec = codec;
        this.dims = dims;
    }

    public SearchScratch newScratch() {
        return new SearchScratch(codec.newScorer(), dims, layout.blockSize());
    }

    /** Unfiltered top-k: beam search of width {@code searchL}. {@code query} is in stored form. */
    public SearchResult topK(GraphView view, SearchScratch s, float[] query, int k, int searchL) {
        s.start(query);
        s.results.reset(k);
        beam(view, s, Math.max(k, searchL));
        return finish(s, k, SearchStrategy.GRAPH);
    }

    /**
     * Beam search filling {@code s.results} (capacity set by the caller) and, when {@code s.recordExpanded},
     * the expanded nodes. Used by queries and by inserts.
     */
    void beam(GraphView view, SearchScratch s, int searchL) {
        int entry = view.entryPoint();
        if (entry < 0) {
            return;
        }
        CandidatePool pool = s.pool;
        pool.reset(searchL);
        s.seen.add(entry);
        pool.insert(entry, 0f);
        int i;
        while ((i = pool.pollClosestUnexpanded()) >= 0) {
            expand(view, s, pool.id(i), null, null, NO_RADIUS);
        }
    }

    /**
     * Reads one node: scores it exactly when it is live (and allowed), then offers its unseen neighbors to the
     * pool ({@code explore == null}) or the exploration heap.
     */
    private void expand(GraphView view, SearchScratch s, int id, AllowedIds allowed, ExploreHeap explore,
                        float radiusLimit) {
        byte[] block = view.block(id, s, s.readBuffer);
        s.visited++;
        boolean radiusSearch = !Float.isNaN(radiusLimit);
        boolean allowedHere = allowed == null || allowed.contains(id);
        if (!layout.isTombstone(block) && (allowedHere || radiusSearch)) {
            layout.readVector(block, s.vector);
            float exact = metric.distance(s.query, 0, s.vector, 0, dims);
            s.distanceComputations++;
            boolean inRange = !radiusSearch || exact <= radiusLimit;
            if (radiusSearch && inRange) {
                s.inRange++;
            }
            if (allowedHere && inRange) {
                s.results.offer(id, exact, layout.rowKey(block));
            }
            if (allowedHere && s.recordExpanded) {
                s.recordExpanded(id, exact);
            }
        }
        int degree = layout.degree(block);
        for (int j = 0; j < degree; j++) {
            int neighbor = layout.neighbor(block, j);
            if (!s.seen.add(neighbor)) {
                continue;
            }
            float approx = s.scorer.distance(block, layout.codeOffset(j));
            s.distanceComputations++;
            if (explore == null) {
                s.pool.insert(neighbor, approx);
            } else {
                explore.push(neighbor, approx);
            }
        }
    }

    /**
     * Filtered top-k with two heaps: every node met goes on the exploration heap, so the search tunnels through
     * nodes the filter rejects, while only allowed nodes enter the result heap. Stops when the best unexplored
     * candidate is farther than the worst of the best {@code max(k, L)} allowed results, or after the visit
     * budget; if that found fewer than k while at least k are allowed, finishes exactly over the allowed set.
     */
    public SearchResult filtered(GraphView view, SearchScratch s, float[] query, int k, int searchL,
                                 AllowedIds allowed, int visitBudget) {
        long allowedCount = allowed.cardinality();
        s.start(query);
        if (allowedCount <= k || allowedCount * allowedCount <= (long) searchL * Math.max(1, view.liveCount())) {
            return exact(view, s, k, allowed, NO_RADIUS, SearchStrategy.EXACT);
        }
        int budget = visitBudget > 0 ? visitBudget : autoBudget(view, searchL, allowedCount);
        s.results.reset(Math.max(k, searchL));
        explore(view, s, allowed, budget, searchL);
        if (s.results.size() < k && allowedCount >= k) {
            return exact(view, s, k, allowed, NO_RADIUS, SearchStrategy.FILTERED_GRAPH_THEN_EXACT);
        }
        return finish(s, k, SearchStrategy.FILTERED_GRAPH);
    }

    /** A filtered search expects to visit about {@code L / selectivity} nodes; allow three times that. */
    private static int autoBudget(GraphView view, int searchL, long allowedCount) {
        double selectivity = Math.min(1.0, (double) allowedCount / Math.max(1, view.liveCount()));
        double expected = searchL / selectivity;
        return (int) Math.min(view.nodeSlots(), Math.max(2.0 * searchL, 3.0 * expected));
    }

    /**
     * Every live (allowed) node within {@code radius} (internal distance), as DiskANN's range search does it: a
     * beam search of width L collects the in-range nodes it visits; when a quarter of the beam or more was in
     * range the ball may be larger than what the beam covers (approximate steering misses some members), so the
     * search is repeated with a doubled L, up to the budget.
     */
    public SearchResult radius(GraphView view, SearchScratch s, float[] query, float radius, int searchL,
                               AllowedIds allowed, int visitBudget) {
        s.start(query);
        if (allowed != null && allowed.cardinality() * allowed.cardinality()
                <= (long) searchL * Math.max(1, view.liveCount())) {
            return exact(view, s, Integer.MAX_VALUE, allowed, radius, SearchStrategy.EXACT);
        }
        int limit = Math.max(searchL, Math.min(view.nodeSlots(), visitBudget > 0 ? visitBudget : Integer.MAX_VALUE));
        int beam = searchL;
        while (true) {
            s.seen.clear();
            s.results.reset(Integer.MAX_VALUE);
            s.inRange = 0;
            int entry = view.entryPoint();
            if (entry >= 0) {
                s.pool.reset(beam);
                s.seen.add(entry);
                s.pool.insert(entry, 0f);
                int i;
                while ((i = s.pool.pollClosestUnexpanded()) >= 0) {
                    expand(view, s, s.pool.id(i), allowed, null, radius);
                }
            }
            if (s.inRange * RADIUS_BEAM_RATIO < beam || beam >= limit) {
                break;
            }
            beam = (int) Math.min(limit, 2L * beam);
        }
        SearchStrategy strategy = allowed == null ? SearchStrategy.GRAPH : SearchStrategy.FILTERED_GRAPH;
        return finish(s, Integer.MAX_VALUE, strategy);
    }

    private void explore(GraphView view, SearchScratch s, AllowedIds allowed, int budget, int minVisits) {
        ExploreHeap explore = s.explore;
        int entry = view.entryPoint();
        if (entry < 0) {
            return;
        }
        s.seen.add(entry);
        explore.push(entry, 0f);
        while (!explore.isEmpty() && s.visited < budget) {
            if (s.results.isFull() && s.visited >= minVisits && explore.peekDistance() > s.results.worst()) {
                break;
            }
            int id = explore.peekId();
            explore.pop();
            expand(view, s, id, allowed, explore, NO_RADIUS);
        }
    }

    /**
     * Exact scan of the allowed set, one block read per allowed id, into fresh results; the statistics keep
     * counting from whatever ran before in this search.
     */
    private SearchResult exact(GraphView view, SearchScratch s, int k, AllowedIds allowed, float radiusLimit,
                               SearchStrategy strategy) {
        s.results.reset(k);
        int slots = view.nodeSlots();
        allowed.forEach(id -> {
            if (id < 0 || id >= slots) {
                return;
            }
            byte[] block = view.block(id, s, s.readBuffer);
            s.visited++;
            if (layout.isTombstone(block)) {
                return;
            }
            layout.readVector(block, s.vector);
            float exact = metric.distance(s.query, 0, s.vector, 0, dims);
            s.distanceComputations++;
            if (Float.isNaN(radiusLimit) || exact <= radiusLimit) {
                s.results.offer(id, exact, layout.rowKey(block));
            }
        });
        return finish(s, k, strategy);
    }

    private SearchResult finish(SearchScratch s, int k, SearchStrategy strategy) {
        SearchStats stats = new SearchStats(s.visited, s.fromDisk, s.fromCache, s.fromJournal,
                s.distanceComputations, strategy);
        return new SearchResult(s.results.drain(k, metric), stats);
    }
}
