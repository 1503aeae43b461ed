package dev.eider.bench.system;

import com.sun.management.OperatingSystemMXBean;
import java.lang.management.ManagementFactory;

/**
 * How an index came to be: its build time (from the run that built it when it was reopened) and its size on disk.
 *
 * @param buildSeconds    wall-clock build time
 * @param buildCpuSeconds CPU time of the whole process during the build (all threads, GC included): it changes
 *                        little when other processes compete for the cores, unlike the wall-clock time; NaN when
 *                        unknown
 * @param reused          true when an index built by an earlier run was reopened
 */
public record BuildReport(double buildSeconds, double buildCpuSeconds, long vectors, long indexBytes, boolean reused) {
    public static final BuildReport NONE = new BuildReport(0, 0, 0, 0, false);

    public double vectorsPerSecond() {
        return buildSeconds > 0 ? vectors / buildSeconds : 0;
    }

    /** Vectors per CPU-second of build: the throughput one fully available core would give. */
    public double vectorsPerCpuSecond() {
        return buildCpuSeconds > 0 ? vectors / buildCpuSeconds : Double.NaN;
    }

    /** Measures a build's wall-clock and process CPU time. */
    public static final class Timer {
        private static final OperatingSystemMXBean OS =
                (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

        private final long startNanos = System.nanoTime();
        private final long startCpuNanos = OS.getProcessCpuTime();

        public BuildReport finish(long vectors, long indexBytes) {
            return new BuildReport((System.nanoTime() - startNanos) / 1e9, (OS.getProcessCpuTime() - startCpuNanos) / 1e9,
                    vectors, indexBytes, false);
        }
    }
}
