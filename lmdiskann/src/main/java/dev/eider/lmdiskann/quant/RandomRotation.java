package dev.eider.lmdiskann.quant;

import java.util.SplittableRandom;

/**
 * A fixed pseudo-random orthogonal transform applied before quantising: two rounds of random signs, a random
 * permutation and normalised Walsh-Hadamard transforms over blocks whose sizes are the powers of two that sum
 * to the dimension count. It spreads each vector's energy evenly over the coordinates, so 1 or 2 bits per
 * coordinate lose much less (the idea behind RaBitQ's rotation), at O(d log d) and without padding. Distances
 * and dot products are unchanged by it. The seed is part of the file format: changing it needs a new version.
 */
final class RandomRotation {

    private static final long SEED = 0x5EEDL;
    private static final int ROUNDS = 2;

    private final int dims;
    private final int[][] permutations = new int[ROUNDS][];
    private final float[][] signs = new float[ROUNDS][];

    RandomRotation(int dims) {
        this.dims = dims;
        SplittableRandom random = new SplittableRandom(SEED);
        for (int r = 0; r < ROUNDS; r++) {
            int[] perm = new int[dims];
            float[] sign = new float[dims];
            for (int i = 0; i < dims; i++) {
                perm[i] = i;
                sign[i] = random.nextBoolean() ? 1f : -1f;
            }
            for (int i = dims - 1; i > 0; i--) {
                int j = random.nextInt(i + 1);
                int t = perm[i];
                perm[i] = perm[j];
                perm[j] = t;
            }
            permutations[r] = perm;
            signs[r] = sign;
        }
    }

    /** {@code out = R in}; {@code scratch} has room for dims floats. {@code in} is not changed. */
    void apply(float[] in, float[] out, float[] scratch) {
        System.arraycopy(in, 0, scratch, 0, dims);
        for (int r = 0; r < ROUNDS; r++) {
            int[] perm = permutations[r];
            float[] sign = signs[r];
            for (int i = 0; i < dims; i++) {
                out[i] = sign[i] * scratch[perm[i]];
            }
            hadamardBlocks(out);
            System.arraycopy(out, 0, scratch, 0, dims);
        }
    }

    /** {@code out = R^T in}. */
    void applyInverse(float[] in, float[] out, float[] scratch) {
        System.arraycopy(in, 0, scratch, 0, dims);
        for (int r = ROUNDS - 1; r >= 0; r--) {
            hadamardBlocks(scratch);
            int[] perm = permutations[r];
            float[] sign = signs[r];
            for (int i = 0; i < dims; i++) {
                out[perm[i]] = sign[i] * scratch[i];
            }
            System.arraycopy(out, 0, scratch, 0, dims);
        }
    }

    /** Normalised (hence self-inverse) Walsh-Hadamard transform on each power-of-two block, largest first. */
    private void hadamardBlocks(float[] v) {
        int start = 0;
        int remaining = dims;
        while (remaining > 0) {
            int len = Integer.highestOneBit(remaining);
            for (int h = 1; h < len; h <<= 1) {
                for (int i = start; i < start + len; i += h << 1) {
                    for (int j = i; j < i + h; j++) {
                        float a = v[j];
                        float b = v[j + h];
                        v[j] = a + b;
                        v[j + h] = a - b;
                    }
                }
            }
            float norm = (float) (1.0 / Math.sqrt(len));
            for (int i = start; i < start + len; i++) {
                v[i] *= norm;
            }
            start += len;
            remaining -= len;
        }
    }
}
