package dev.eider.lmdiskann.graph;

import dev.eider.lmdiskann.quant.CodeScorer;

/** Everything one search needs, allocated once per thread and reused, so hops allocate nothing. */
public final class SearchScratch extends GraphView.ReadCounters {

    final IntHashSet seen = new IntHashSet(4096);
    final CandidatePool pool = new CandidatePool(128);
    final ResultHeap results = new ResultHeap();
    final ExploreHeap explore = new ExploreHeap();
    final CodeScorer scorer;
    final float[] query;
    final float[] vector;
    final byte[] readBuffer;

    int visited;
    /** Radius search: expanded live nodes within the radius, allowed or not. */
    int inRange;
    long distanceComputations;

    /** When set, every expanded live node and its exact distance is recorded (insert needs them). */
    boolean recordExpanded;
    int[] expandedIds = new int[256];
    float[] expandedDistances = new float[256];
    int expandedCount;

    SearchScratch(CodeScorer scorer, int dimensions, int blockSize) {
        this.scorer = scorer;
        this.query = new float[dimensions];
        this.vector = new float[dimensions];
        this.readBuffer = new byte[blockSize];
    }

    void start(float[] preparedQuery) {
        System.arraycopy(preparedQuery, 0, query, 0, query.length);
        scorer.setQuery(query);
        seen.clear();
        explore.clear();
        resetReads();
        visited = 0;
        distanceComputations = 0;
        expandedCount = 0;
    }

    void recordExpanded(int id, float distance) {
        if (expandedCount == expandedIds.length) {
            expandedIds = java.util.Arrays.copyOf(expandedIds, expandedCount * 2);
            expandedDistances = java.util.Arrays.copyOf(expandedDistances, expandedCount * 2);
        }
        expandedIds[expandedCount] = id;
        expandedDistances[expandedCount] = distance;
        expandedCount++;
    }
}
