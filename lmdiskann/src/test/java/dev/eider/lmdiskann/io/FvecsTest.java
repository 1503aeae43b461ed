package dev.eider.lmdiskann.io;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FvecsTest {

    @TempDir
    Path dir;

    @Test
    void readsRowsWrittenInTheTexmexLayout() throws IOException {
        ByteBuffer b = ByteBuffer.allocate(2 * (4 + 12)).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(3).putFloat(1f).putFloat(2f).putFloat(3f);
        b.putInt(3).putFloat(-1f).putFloat(0.5f).putFloat(7f);
        Path file = dir.resolve("two.fvecs");
        Files.write(file, b.array());
        float[][] rows = Fvecs.readFvecs(file);
        assertThat(rows).hasNumberOfRows(2);
        assertThat(rows[0]).containsExactly(1f, 2f, 3f);
        assertThat(rows[1]).containsExactly(-1f, 0.5f, 7f);
        assertThat(Fvecs.readFvecs(file, 1)).hasNumberOfRows(1);
        assertThat(Fvecs.readIvecs(file)[0][0]).isEqualTo(Float.floatToIntBits(1f));
    }

    @Test
    void aFileThatIsNotFvecsIsRefused() throws IOException {
        Path file = dir.resolve("text.fvecs");
        Files.writeString(file, "hello, world");
        assertThatThrownBy(() -> Fvecs.readFvecs(file)).isInstanceOf(IOException.class)
                .hasMessageContaining("invalid row length");
    }
}
