package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import java.util.Optional;

/**
 * Eider against one peer at one thread count: each side's cheapest measurement reaching the target recall (empty
 * when it never does), the build-throughput ratio (Eider's vectors/s over the peer's) and the build CPU ratio
 * (the peer's build CPU time over Eider's, above 1: Eider's build is cheaper).
 */
public record RatioLine(String peer, int threads, Optional<Measurement> eider, Optional<Measurement> peerAtTarget,
                        double buildThroughputRatio, double buildCpuRatio) {

    /** Eider QPS over the peer's QPS at matched recall, NaN when either side missed the target. */
    public double qpsRatio() {
        if (eider.isEmpty() || peerAtTarget.isEmpty()) {
            return Double.NaN;
        }
        return eider.get().qps() / peerAtTarget.get().qps();
    }

    /** The peer's CPU time per query over Eider's at matched recall (above 1: Eider is cheaper), NaN if unmatched. */
    public double cpuRatio() {
        if (eider.isEmpty() || peerAtTarget.isEmpty()) {
            return Double.NaN;
        }
        return peerAtTarget.get().cpuMillisPerQuery() / eider.get().cpuMillisPerQuery();
    }
}
