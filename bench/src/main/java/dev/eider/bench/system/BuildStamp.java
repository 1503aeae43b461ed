package dev.eider.bench.system;

import dev.eider.bench.dataset.Dataset;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Optional;
import java.util.Properties;

/**
 * A small file beside a built index that records what it was built from and how long it took, so a later run can
 * reopen the index instead of rebuilding it and still report the build figures.
 */
public final class BuildStamp {
    private static final String FILE = "bench-build.properties";

    private BuildStamp() {
    }

    /** Identifies the data and settings an index was built with. */
    public static String fingerprint(Dataset dataset, String settings) {
        int contentHash = 1;
        for (float[] row : dataset.base()) {
            contentHash = 31 * contentHash + Arrays.hashCode(row);
        }
        return dataset.name() + "|" + dataset.metric() + "|" + dataset.size() + "x" + dataset.dimensions() + "|"
                + Integer.toHexString(contentHash) + "|" + settings;
    }

    /** The recorded build, when {@code indexDir} holds an index built with exactly this fingerprint. */
    public static Optional<BuildReport> read(Path indexDir, String fingerprint, long indexBytes) throws IOException {
        Path file = indexDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            return Optional.empty();
        }
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file)) {
            properties.load(reader);
        }
        if (!fingerprint.equals(properties.getProperty("fingerprint"))) {
            return Optional.empty();
        }
        double seconds = Double.parseDouble(properties.getProperty("build_seconds"));
        double cpuSeconds = Double.parseDouble(properties.getProperty("build_cpu_seconds", "NaN"));
        long vectors = Long.parseLong(properties.getProperty("vectors"));
        return Optional.of(new BuildReport(seconds, cpuSeconds, vectors, indexBytes, true));
    }

    /** Records a finished build; written last, so a build interrupted earlier is never reused. */
    public static void write(Path indexDir, String fingerprint, BuildReport report) throws IOException {
        Properties properties = new Properties();
        properties.setProperty("fingerprint", fingerprint);
        properties.setProperty("build_seconds", Double.toString(report.buildSeconds()));
        properties.setProperty("build_cpu_seconds", Double.toString(report.buildCpuSeconds()));
        properties.setProperty("vectors", Long.toString(report.vectors()));
        try (Writer writer = Files.newBufferedWriter(indexDir.resolve(FILE))) {
            properties.store(writer, "written by ./eider bench after a completed build");
        }
    }

    /** Deletes the stamp first, so an index being rebuilt is not trusted until the new build completes. */
    public static void invalidate(Path indexDir) throws IOException {
        Files.deleteIfExists(indexDir.resolve(FILE));
    }

    /** Total bytes of the regular files under {@code dir}, the stamp excluded. */
    public static long directoryBytes(Path dir) throws IOException {
        try (var files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile)
                    .filter(path -> !path.getFileName().toString().equals(FILE))
                    .mapToLong(BuildStamp::sizeOf)
                    .sum();
        }
    }

    private static long sizeOf(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
