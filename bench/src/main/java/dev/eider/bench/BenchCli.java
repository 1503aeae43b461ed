package dev.eider.bench;

import dev.eider.bench.dataset.BenchMetric;
import dev.eider.bench.dataset.Dataset;
import dev.eider.bench.dataset.DatasetLoader;
import dev.eider.bench.report.BenchReport;
import dev.eider.bench.report.JsonReport;
import dev.eider.bench.report.MarkdownReport;
import dev.eider.bench.report.RecallQpsPlot;
import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.NeighborCompression;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./eider bench}: measures Eider and its peers on one dataset and prints the tables. */
@Command(name = "eider bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Builds (or reopens) Eider's LM-DiskANN index and its peers on a texmex dataset, measures recall@k,"
                + " QPS, latency, I/O and memory side by side, then prints Markdown tables and ratios.")
public final class BenchCli implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--dataset", required = true, paramLabel = "DIR",
            description = "folder with base.fvecs, query.fvecs and groundtruth*.ivecs")
    Path datasetDir;

    @Option(names = "--metric", required = true, paramLabel = "l2|cosine", converter = MetricConverter.class,
            description = "distance to rank by; picks groundtruth.ivecs or groundtruth_cosine.ivecs")
    BenchMetric metric;

    @Option(names = "--k", defaultValue = "10", description = "neighbours per query, recall@k (default ${DEFAULT-VALUE})")
    int k;

    @Option(names = "--L", split = ",", paramLabel = "L", defaultValue = "10,20,40,80,160,320",
            description = "search list sizes / beam widths to sweep (default ${DEFAULT-VALUE})")
    List<Integer> searchLs;

    @Option(names = "--threads", split = ",", defaultValue = "1,2",
            description = "query thread counts (default ${DEFAULT-VALUE})")
    List<Integer> threads;

    @ArgGroup(exclusive = true)
    CacheOption cache = new CacheOption();

    @Option(names = "--queries", paramLabel = "N", defaultValue = "2147483647",
            description = "use the first N queries (default all)")
    int queries;

    @Option(names = "--exact-queries", paramLabel = "N", defaultValue = "1000",
            description = "queries for the brute-force baseline, which is slow (default ${DEFAULT-VALUE})")
    int exactQueries;

    @Option(names = "--base-limit", paramLabel = "N", defaultValue = "2147483647",
            description = "index only the first N base vectors; ground truth is then recomputed by brute force")
    int baseLimit;

    @Option(names = "--systems", split = ",", defaultValue = "eider,jvector,lucene,exact",
            description = "systems to measure, in order (default ${DEFAULT-VALUE})")
    List<String> systems;

    @Option(names = "--max-degree", paramLabel = "R", defaultValue = "" + IndexConfig.DEFAULT_MAX_DEGREE,
            description = "Eider: most neighbours per node (default ${DEFAULT-VALUE})")
    int maxDegree;

    @Option(names = "--build-l", paramLabel = "L", defaultValue = "" + IndexConfig.DEFAULT_BUILD_SEARCH_L,
            description = "Eider: beam width while building (default ${DEFAULT-VALUE})")
    int buildL;

    @Option(names = "--compression", paramLabel = "ternary|none|one_bit", defaultValue = "ternary",
            converter = CompressionConverter.class,
            description = "Eider: how neighbour vectors are stored in each block (default ${DEFAULT-VALUE})")
    NeighborCompression compression;

    @Option(names = "--build-threads", paramLabel = "N", description = "threads for index builds (default: all cores)")
    int buildThreads = Runtime.getRuntime().availableProcessors();

    @Option(names = "--warmup", paramLabel = "N", defaultValue = "300",
            description = "warm-up queries per system before measuring (default ${DEFAULT-VALUE})")
    int warmup;

    @Option(names = "--repeats", paramLabel = "N", defaultValue = "1",
            description = "passes per L and thread count; the fastest is kept, to damp noise from other processes"
                    + " (default ${DEFAULT-VALUE})")
    int repeats;

    @Option(names = "--target-recall", defaultValue = "0.95",
            description = "recall at which QPS ratios are compared (default ${DEFAULT-VALUE})")
    double targetRecall;

    @Option(names = "--work-dir", paramLabel = "DIR", description = "where indexes are built and reopened (default ~/.cache/eider-bench)")
    Path workDir = Path.of(System.getProperty("user.home"), ".cache", "eider-bench");

    @Option(names = "--rebuild", description = "rebuild indexes even if a matching one exists")
    boolean rebuild;

    @Option(names = "--json", paramLabel = "FILE",
            description = "write every row as JSON to FILE, and FILE.md (tables) and FILE.png (recall vs QPS) beside it")
    Path json;

    /** Block cache size for Eider: absolute or relative to the index file. */
    static final class CacheOption {
        @Option(names = "--cache-mb", paramLabel = "N", description = "Eider block cache in MiB")
        Double cacheMb;

        @Option(names = "--cache-fraction", paramLabel = "F",
                description = "Eider block cache as a fraction of the index file (default 0.1)")
        Double cacheFraction;

        CacheSize toCacheSize() {
            if (cacheMb != null) {
                return CacheSize.ofMegabytes(cacheMb);
            }
            return CacheSize.ofFraction(cacheFraction != null ? cacheFraction : 0.1);
        }
    }

    static final class MetricConverter implements CommandLine.ITypeConverter<BenchMetric> {
        @Override
        public BenchMetric convert(String value) {
            return BenchMetric.parse(value);
        }
    }

    static final class CompressionConverter implements CommandLine.ITypeConverter<NeighborCompression> {
        @Override
        public NeighborCompression convert(String value) {
            return NeighborCompression.parse(value);
        }
    }

    @Override
    public Integer call() throws Exception {
        validate();
        Dataset dataset = new DatasetLoader(workDir.resolve("groundtruth")).load(datasetDir, metric, baseLimit, queries);
        BenchSettings settings = new BenchSettings(k, searchLs, threads, cache.toCacheSize(), exactQueries, buildThreads,
                warmup, repeats, targetRecall, indexRoot(dataset), rebuild,
                new BenchSettings.EiderBuild(maxDegree, buildL, compression));
        BenchReport report = new BenchRun(dataset, settings, SystemCatalog.create(systems, settings)).execute();
        spec.commandLine().getOut().println(MarkdownReport.render(report));
        spec.commandLine().getOut().flush();
        if (json != null) {
            writeFiles(report);
        }
        return 0;
    }

    private void validate() {
        if (repeats < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--repeats must be at least 1, got " + repeats);
        }
        if (k < 1) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--k must be at least 1, got " + k);
        }
        if (searchLs.stream().anyMatch(l -> l < 1) || threads.stream().anyMatch(t -> t < 1)) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--L and --threads values must be at least 1");
        }
        SystemCatalog.checkNames(systems);
    }

    private Path indexRoot(Dataset dataset) {
        String label = (dataset.name() + "-" + metric.name()).toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "_");
        return workDir.resolve(label);
    }

    private void writeFiles(BenchReport report) throws IOException {
        Path parent = json.toAbsolutePath().getParent();
        Files.createDirectories(parent);
        Files.writeString(json, JsonReport.render(report));
        Files.writeString(Path.of(json + ".md"), MarkdownReport.render(report));
        RecallQpsPlot.write(report, Path.of(json + ".png"));
        spec.commandLine().getErr().println("wrote " + json + ", " + json + ".md and " + json + ".png");
    }

    /** The command with user errors (bad files, bad values) reported as one line instead of a stack trace. */
    public static CommandLine commandLine() {
        CommandLine command = new CommandLine(new BenchCli());
        command.setExecutionExceptionHandler((error, cmd, parsed) -> {
            if (error instanceof IllegalArgumentException || error instanceof IOException) {
                cmd.getErr().println("eider bench: " + error.getMessage());
                cmd.getErr().flush();
                return 2;
            }
            throw error;
        });
        return command;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
