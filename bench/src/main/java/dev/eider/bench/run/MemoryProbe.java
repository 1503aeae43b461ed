package dev.eider.bench.run;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Peak Java heap (sum of the heap pools' peak usage) and peak resident set size (VmHWM in /proc/self/status) of
 * this process. Peaks are reset before each system so every system gets its own figure; the RSS peak can be reset
 * only where the kernel allows writing 5 to /proc/self/clear_refs, otherwise it is the process-wide peak.
 */
public final class MemoryProbe {
    private static final Path STATUS = Path.of("/proc/self/status");
    private static final Path CLEAR_REFS = Path.of("/proc/self/clear_refs");

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(pool -> pool.getType() == MemoryType.HEAP)
            .toList();
    private boolean rssPeakResettable = true;

    /** Starts a new peak window; returns false when only the process-wide RSS peak is available. */
    public boolean resetPeaks() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        try {
            Files.writeString(CLEAR_REFS, "5");
        } catch (IOException | SecurityException e) {
            rssPeakResettable = false;
        }
        return rssPeakResettable;
    }

    public boolean rssPeakResettable() {
        return rssPeakResettable;
    }

    /** Heap still in use after a full collection: what the process really keeps, garbage excluded. */
    public long liveHeapBytes() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    public long peakHeapBytes() {
        return heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
    }

    /** VmHWM, the peak resident set size, in bytes; -1 where /proc is not available. */
    public long peakRssBytes() {
        return statusBytes("VmHWM:");
    }

    public long currentRssBytes() {
        return statusBytes("VmRSS:");
    }

    private static long statusBytes(String key) {
        try {
            for (String line : Files.readAllLines(STATUS)) {
                if (line.startsWith(key)) {
                    return 1024 * Long.parseLong(line.substring(key.length()).replace("kB", "").trim());
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
