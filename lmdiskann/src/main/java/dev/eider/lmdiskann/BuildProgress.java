package dev.eider.lmdiskann;

/** Receives build progress; called from build threads, so implementations must be thread-safe and cheap. */
@FunctionalInterface
public interface BuildProgress {

    BuildProgress NONE = (phase, done, total) -> { };

    /**
     * @param phase short name of the phase ("load", "pass 1", "pass 2", "write", "insert")
     * @param done  units of work finished in this phase
     * @param total units of work in this phase
     */
    void update(String phase, long done, long total);
}
