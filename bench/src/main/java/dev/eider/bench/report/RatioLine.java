package dev.eider.bench.report;

import dev.eider.bench.run.Measurement;
import java.util.Optional;

/**
 * Eider against one peer at one thread count: each side's cheapest measurement reaching the target recall (empty
 * when it never does) and the build-throughput ratio.
 */
public record RatioLine(String peer, int threads, Optional<Measurement> eider, Optional<Measurement> peerAtTarget,
                        double buildThroughputRatio) {

    /** Eider QPS over the peer's QPS at matched recall, NaN when either side missed the target. */
    public double qpsRatio() {
        if (eider.isEmpty() || peerAtTarget.isEmpty()) {
            return Double.NaN;
        }
        return eider.get().qps() / peerAtTarget.get().qps();
    }
}
