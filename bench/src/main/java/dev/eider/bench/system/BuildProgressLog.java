package dev.eider.bench.system;

import dev.eider.lmdiskann.BuildProgress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Logs a build's progress once per phase and tenth of the work, whichever thread reports it. */
final class BuildProgressLog implements BuildProgress {
    private static final Logger LOG = LoggerFactory.getLogger(BuildProgressLog.class);
    private static final int STEPS = 10;

    private final String system;
    private final Map<String, Integer> lastStep = new ConcurrentHashMap<>();

    BuildProgressLog(String system) {
        this.system = system;
    }

    @Override
    public void update(String phase, long done, long total) {
        int step = total > 0 ? (int) (STEPS * done / total) : STEPS;
        boolean[] advanced = {false};
        lastStep.compute(phase, (name, previous) -> {
            advanced[0] = previous == null || step > previous;
            return advanced[0] ? step : previous;
        });
        if (advanced[0]) {
            LOG.info("{} build: {} {}% ({}/{})", system, phase, step * 100 / STEPS, done, total);
        }
    }
}
