package dev.eider.bench.system;

/**
 * How an index came to be: its build time (from the run that built it when it was reopened) and its size on disk.
 *
 * @param reused true when an index built by an earlier run was reopened
 */
public record BuildReport(double buildSeconds, long vectors, long indexBytes, boolean reused) {
    public static final BuildReport NONE = new BuildReport(0, 0, 0, false);

    public double vectorsPerSecond() {
        return buildSeconds > 0 ? vectors / buildSeconds : 0;
    }
}
