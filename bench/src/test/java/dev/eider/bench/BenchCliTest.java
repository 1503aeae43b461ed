package dev.eider.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Runs the real command on the small shared sift5k set; checks what it writes, never how fast anything was. */
class BenchCliTest {
    private static final Pattern RECALL = Pattern.compile("\"system\": \"(\\w+)\".*?\"recall\": ([0-9.e+-]+)");

    @TempDir
    Path dir;

    private static Path sift5k() {
        Path shared = Path.of(System.getProperty("eider.project.dir", "..")).resolve("../shared/data/sift5k");
        return Files.isDirectory(shared) ? shared : Path.of("/work/shared/data/sift5k");
    }

    private int run(StringWriter err, String... args) {
        CommandLine command = BenchCli.commandLine();
        command.setErr(new PrintWriter(err));
        command.setOut(new PrintWriter(new StringWriter()));
        return command.execute(args);
    }

    @Test
    void writesJsonMarkdownAndPlotForEveryMeasuredRow() throws IOException {
        Path json = dir.resolve("out/sift.json");

        int exit = run(new StringWriter(), "--dataset", sift5k().toString(), "--metric", "l2", "--systems", "eider,exact",
                "--L", "10,80", "--threads", "1,2", "--queries", "100", "--warmup", "10",
                "--work-dir", dir.resolve("work").toString(), "--json", json.toString());

        assertThat(exit).isZero();
        String text = Files.readString(json);
        List<Double> exact = recalls(text, "exact");
        List<Double> eider = recalls(text, "eider");
        assertThat(eider).hasSize(4);
        assertThat(eider.get(1)).as("Eider recall@10 at L=80").isGreaterThan(0.9);
        assertThat(exact).hasSize(2);
        assertThat(exact).allSatisfy(recall -> assertThat(recall).isGreaterThanOrEqualTo(0.99));
        assertThat(text).containsPattern("\"system\": \"eider\".*\"blocks_per_query\": [0-9]")
                .containsPattern("\"system\": \"eider\".*\"cache_bytes\": [1-9]");
        assertThat(Files.readString(Path.of(json + ".md"))).contains("| eider | 80 | 2 |");
        assertThat(Files.size(Path.of(json + ".png"))).isPositive();
        assertThat(dir.resolve("work/sift5k-l2/eider")).isDirectoryContaining("glob:**bench-build.properties");
    }

    @Test
    void aSecondRunReopensTheIndexInsteadOfRebuilding() throws IOException {
        String[] args = {"--dataset", sift5k().toString(), "--metric", "l2", "--systems", "lucene", "--L", "20",
                "--threads", "1", "--queries", "20", "--warmup", "5", "--work-dir", dir.resolve("work").toString(),
                "--json", dir.resolve("run.json").toString()};

        assertThat(run(new StringWriter(), args)).isZero();
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"index_reused\": false");
        assertThat(run(new StringWriter(), args)).isZero();
        assertThat(Files.readString(dir.resolve("run.json"))).contains("\"index_reused\": true");
    }

    @Test
    void jvectorFindsTheCosineNeighboursOfVectorsThatAreNotUnitLength() throws IOException {
        Path glove25 = sift5k().resolveSibling("glove25");
        Path json = dir.resolve("glove.json");

        int exit = run(new StringWriter(), "--dataset", glove25.toString(), "--metric", "cosine", "--systems", "jvector",
                "--L", "100", "--threads", "1", "--queries", "200", "--warmup", "5",
                "--work-dir", dir.resolve("work").toString(), "--json", json.toString());

        assertThat(exit).isZero();
        // the dataset's exact cosine neighbours are the oracle; dot products of the raw vectors rank differently
        assertThat(recalls(Files.readString(json), "jvector")).singleElement()
                .satisfies(recall -> assertThat(recall).isGreaterThan(0.95));
    }

    @Test
    void unknownSystemIsAClearError() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--dataset", sift5k().toString(), "--metric", "l2", "--systems", "faiss",
                "--work-dir", dir.toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("unknown system 'faiss'");
    }

    @Test
    void folderWithoutVectorsIsAClearError() {
        StringWriter err = new StringWriter();

        int exit = run(err, "--dataset", dir.toString(), "--metric", "cosine", "--work-dir", dir.toString());

        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("is not a dataset folder");
    }

    private static List<Double> recalls(String json, String system) {
        Matcher matcher = RECALL.matcher(json);
        List<Double> recalls = new ArrayList<>();
        while (matcher.find()) {
            if (matcher.group(1).equals(system)) {
                recalls.add(Double.parseDouble(matcher.group(2)));
            }
        }
        return recalls;
    }
}
