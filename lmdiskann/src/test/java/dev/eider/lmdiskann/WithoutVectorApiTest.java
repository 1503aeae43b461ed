package dev.eider.lmdiskann;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An application that embeds Eider without {@code --add-modules jdk.incubator.vector} gets the scalar
 * kernels, not a {@link NoClassDefFoundError}: a child JVM started without the module builds a ternary
 * index and finds vectors by their own value.
 */
class WithoutVectorApiTest {

    @TempDir
    Path dir;

    @Test
    void aJvmWithoutTheVectorModuleBuildsAndSearches() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process child = new ProcessBuilder(java.toString(), "--enable-native-access=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Child.class.getName(), dir.toString())
                .redirectErrorStream(true).start();
        String output = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(child.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(child.exitValue()).as(output).isZero();
        assertThat(output).contains("vector module: false").contains("found 100 of 100");
    }

    /** Runs in the child JVM. */
    public static final class Child {
        public static void main(String[] args) throws IOException {
            System.out.println("vector module: " + ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
            Dataset sift = Dataset.sift5k();
            float[][] base = Arrays.copyOf(sift.base(), 1000);
            try (LmDiskannIndex index = LmDiskannIndex.build(Path.of(args[0]).resolve("idx"),
                    IndexConfig.defaults(128, Metric.L2).withCompression(NeighborCompression.TERNARY),
                    VectorSource.of(base), BuildOptions.defaults(), new InMemoryJournal())) {
                int found = 0;
                for (int i = 0; i < 100; i++) {
                    List<Neighbor> top = index.search(base[i], SearchParams.top(1).withSearchL(64)).neighbors();
                    found += !top.isEmpty() && top.getFirst().rowKey() == i ? 1 : 0;
                }
                System.out.println("found " + found + " of 100");
            }
        }
    }
}
