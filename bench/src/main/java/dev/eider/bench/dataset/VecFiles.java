package dev.eider.bench.dataset;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads and writes the texmex {@code .fvecs} / {@code .ivecs} formats: little-endian rows, each an int32 dimension
 * followed by that many float32 (fvecs) or int32 (ivecs) values.
 */
public final class VecFiles {
    private static final int BUFFER_BYTES = 1 << 20;

    private VecFiles() {
    }

    /** Reads at most {@code limit} rows of an fvecs file; every row must have the same dimension. */
    public static float[][] readFvecs(Path file, int limit) throws IOException {
        List<float[]> rows = new ArrayList<>();
        readRows(file, limit, (bytes, dim) -> {
            float[] row = new float[dim];
            bytes.asFloatBuffer().get(row);
            rows.add(row);
        });
        return rows.toArray(float[][]::new);
    }

    /** Reads at most {@code limit} rows of an ivecs file (rows may differ in length). */
    public static int[][] readIvecs(Path file, int limit) throws IOException {
        List<int[]> rows = new ArrayList<>();
        readRows(file, limit, (bytes, dim) -> {
            int[] row = new int[dim];
            bytes.asIntBuffer().get(row);
            rows.add(row);
        });
        return rows.toArray(int[][]::new);
    }

    public static void writeFvecs(Path file, float[][] rows) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
            for (float[] row : rows) {
                ByteBuffer buffer = rowBuffer(row.length);
                for (float value : row) {
                    buffer.putFloat(value);
                }
                out.write(buffer.array());
            }
        }
    }

    public static void writeIvecs(Path file, int[][] rows) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), BUFFER_BYTES)) {
            for (int[] row : rows) {
                ByteBuffer buffer = rowBuffer(row.length);
                for (int value : row) {
                    buffer.putInt(value);
                }
                out.write(buffer.array());
            }
        }
    }

    private static ByteBuffer rowBuffer(int dim) {
        ByteBuffer buffer = ByteBuffer.allocate(Integer.BYTES * (dim + 1)).order(ByteOrder.LITTLE_ENDIAN);
        return buffer.putInt(dim);
    }

    private interface RowSink {
        void accept(ByteBuffer littleEndianValues, int dim);
    }

    private static void readRows(Path file, int limit, RowSink sink) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw new IOException("vector file not found: " + file);
        }
        byte[] header = new byte[Integer.BYTES];
        int expectedDim = -1;
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), BUFFER_BYTES)) {
            for (int row = 0; row < limit; row++) {
                int got = in.readNBytes(header, 0, header.length);
                if (got == 0) {
                    return;
                }
                if (got < header.length) {
                    throw new EOFException(file + ": truncated dimension header at row " + row);
                }
                int dim = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
                if (dim <= 0 || dim > 1 << 20) {
                    throw new IOException(file + ": row " + row + " has an impossible dimension " + dim
                            + " (is this a texmex fvecs/ivecs file?)");
                }
                if (expectedDim >= 0 && dim != expectedDim && file.toString().endsWith(".fvecs")) {
                    throw new IOException(file + ": row " + row + " has dimension " + dim + ", earlier rows " + expectedDim);
                }
                expectedDim = dim;
                byte[] values = in.readNBytes(dim * Integer.BYTES);
                if (values.length < dim * Integer.BYTES) {
                    throw new EOFException(file + ": truncated row " + row);
                }
                sink.accept(ByteBuffer.wrap(values).order(ByteOrder.LITTLE_ENDIAN), dim);
            }
        }
    }
}
