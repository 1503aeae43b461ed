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
    /** Vector API butterflies for the wide spans; null without the Vector API. */
    private final SimdButterflies butterflies = butterfliesOrNull();

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

    private static SimdButterflies butterfliesOrNull() {
        try {
            return SimdButterflies.createOrNull();
        } catch (LinkageError vectorApiMissing) {
            return null;
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
            int h = 1;
            if (len >= 8) {
                for (int i = start; i < start + len; i += 8) {
                    firstThreeStages(v, i);
                }
                h = 8;
            }
            for (; h < len; h <<= 1) {
                if (butterflies != null && h % butterflies.minSpan() == 0) {
                    butterflies.stage(v, start, len, h);
                    continue;
                }
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

    /**
     * The butterflies of spans 1, 2 and 4 on the 8 values at {@code v[at..]}, in registers: the same operations
     * in the same order as the generic loop (so bit-identical results), without its short inner loops, which
     * took most of a query's rotation time.
     */
    private static void firstThreeStages(float[] v, int at) {
        float a0 = v[at];
        float a1 = v[at + 1];
        float a2 = v[at + 2];
        float a3 = v[at + 3];
        float a4 = v[at + 4];
        float a5 = v[at + 5];
        float a6 = v[at + 6];
        float a7 = v[at + 7];
        float b0 = a0 + a1;
        float b1 = a0 - a1;
        float b2 = a2 + a3;
        float b3 = a2 - a3;
        float b4 = a4 + a5;
        float b5 = a4 - a5;
        float b6 = a6 + a7;
        float b7 = a6 - a7;
        float c0 = b0 + b2;
        float c2 = b0 - b2;
        float c1 = b1 + b3;
        float c3 = b1 - b3;
        float c4 = b4 + b6;
        float c6 = b4 - b6;
        float c5 = b5 + b7;
        float c7 = b5 - b7;
        v[at] = c0 + c4;
        v[at + 4] = c0 - c4;
        v[at + 1] = c1 + c5;
        v[at + 5] = c1 - c5;
        v[at + 2] = c2 + c6;
        v[at + 6] = c2 - c6;
        v[at + 3] = c3 + c7;
        v[at + 7] = c3 - c7;
    }
}
