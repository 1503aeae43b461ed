package dev.eider.bench.dataset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VecFilesTest {
    @TempDir
    Path dir;

    /** Writes little-endian rows with DataOutputStream (big-endian) and byte reversal: independent of VecFiles. */
    private Path writeLittleEndianFvecs(float[][] rows) throws IOException {
        Path file = dir.resolve("hand.fvecs");
        try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(file))) {
            for (float[] row : rows) {
                out.writeInt(Integer.reverseBytes(row.length));
                for (float value : row) {
                    out.writeInt(Integer.reverseBytes(Float.floatToIntBits(value)));
                }
            }
        }
        return file;
    }

    @Test
    void readsHandWrittenFvecs() throws IOException {
        Path file = writeLittleEndianFvecs(new float[][] {{1f, -2.5f, 3e-7f}, {0f, 42f, Float.MAX_VALUE}});

        float[][] rows = VecFiles.readFvecs(file, Integer.MAX_VALUE);

        assertThat(rows).hasDimensions(2, 3);
        assertThat(rows[0]).containsExactly(1f, -2.5f, 3e-7f);
        assertThat(rows[1]).containsExactly(0f, 42f, Float.MAX_VALUE);
        assertThat(Files.size(file)).isEqualTo(2 * 4 * (1 + 3));
    }

    @Test
    void limitReadsOnlyAPrefix() throws IOException {
        Path file = writeLittleEndianFvecs(new float[][] {{1f}, {2f}, {3f}});

        assertThat(VecFiles.readFvecs(file, 2)).hasDimensions(2, 1);
        assertThat(VecFiles.readFvecs(file, 2)[1]).containsExactly(2f);
    }

    @Test
    void ivecsRoundTripKeepsEveryValue() throws IOException {
        Path file = dir.resolve("gt.ivecs");
        int[][] rows = {{7, 0, -1, Integer.MAX_VALUE}, {3, 2, 1, 0}};

        VecFiles.writeIvecs(file, rows);

        assertThat(VecFiles.readIvecs(file, Integer.MAX_VALUE)).isDeepEqualTo(rows);
        assertThat(Files.readAllBytes(file)).startsWith(4, 0, 0, 0, 7, 0, 0, 0);
    }

    @Test
    void readsTheSharedSift5kFiles() throws IOException {
        Path sift = Path.of(System.getProperty("eider.project.dir", "..")).resolve("../shared/data/sift5k");
        Path folder = Files.isDirectory(sift) ? sift : Path.of("/work/shared/data/sift5k");

        float[][] base = VecFiles.readFvecs(folder.resolve("base.fvecs"), Integer.MAX_VALUE);
        int[][] truth = VecFiles.readIvecs(folder.resolve("groundtruth.ivecs"), Integer.MAX_VALUE);

        assertThat(base).hasNumberOfRows(4500);
        assertThat(base[0]).hasSize(128);
        assertThat(truth).hasNumberOfRows(500);
        assertThat(truth[0]).hasSize(100);
        assertThat(Arrays.stream(truth[0]).min().orElseThrow()).isNotNegative();
        assertThat(Arrays.stream(truth[0]).max().orElseThrow()).isLessThan(4500);
    }

    @Test
    void truncatedFileGivesAClearError() throws IOException {
        Path file = writeLittleEndianFvecs(new float[][] {{1f, 2f, 3f}});
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 2));

        assertThatThrownBy(() -> VecFiles.readFvecs(file, Integer.MAX_VALUE))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("truncated row 0");
    }

    @Test
    void missingFileNamesThePath() {
        Path missing = dir.resolve("nope.fvecs");

        assertThatThrownBy(() -> VecFiles.readFvecs(missing, 1)).hasMessageContaining(missing.toString());
    }
}
