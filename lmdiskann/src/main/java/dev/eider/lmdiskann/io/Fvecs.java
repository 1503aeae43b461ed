package dev.eider.lmdiskann.io;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the texmex {@code .fvecs} / {@code .ivecs} formats: each row is a little-endian int32 length followed by
 * that many float32 (or int32) values.
 */
public final class Fvecs {

    private Fvecs() {
    }

    /** All rows of an {@code .fvecs} file (at most {@code limit}; pass {@code Integer.MAX_VALUE} for all). */
    public static float[][] readFvecs(Path file, int limit) throws IOException {
        List<float[]> rows = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int[] dims = new int[1];
            while (rows.size() < limit) {
                ByteBuffer row = nextRow(in, file, dims);
                if (row == null) {
                    break;
                }
                float[] v = new float[dims[0]];
                row.asFloatBuffer().get(v);
                rows.add(v);
            }
        }
        return rows.toArray(float[][]::new);
    }

    public static float[][] readFvecs(Path file) throws IOException {
        return readFvecs(file, Integer.MAX_VALUE);
    }

    /** All rows of an {@code .ivecs} file (ground truth neighbor ids). */
    public static int[][] readIvecs(Path file) throws IOException {
        List<int[]> rows = new ArrayList<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            int[] dims = new int[1];
            ByteBuffer row;
            while ((row = nextRow(in, file, dims)) != null) {
                int[] v = new int[dims[0]];
                row.asIntBuffer().get(v);
                rows.add(v);
            }
        }
        return rows.toArray(int[][]::new);
    }

    private static ByteBuffer nextRow(InputStream in, Path file, int[] dims) throws IOException {
        byte[] header = in.readNBytes(4);
        if (header.length == 0) {
            return null;
        }
        if (header.length < 4) {
            throw new EOFException(file + " ends inside a row header");
        }
        int n = ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).getInt();
        if (n <= 0 || n > 1 << 20) {
            throw new IOException(file + " has an invalid row length " + n + ": not an fvecs/ivecs file?");
        }
        byte[] body = new byte[4 * n];
        new DataInputStream(in).readFully(body);
        dims[0] = n;
        return ByteBuffer.wrap(body).order(ByteOrder.LITTLE_ENDIAN);
    }
}
