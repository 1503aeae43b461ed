package dev.eider.adapter.vector;

/**
 * The Java distance kernels: the one place Eider computes vector distances when DuckDB does not.
 * pgvector's meanings: L2 is the Euclidean distance, cosine distance is 1 - cosine similarity, the
 * inner product is the plain dot product. Sums are accumulated in double precision.
 */
public final class VectorKernels {
  private VectorKernels() {}

  public static double l2Distance(float[] a, float[] b) {
    checkSameDimension(a, b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double d = (double) a[i] - b[i];
      sum += d * d;
    }
    return Math.sqrt(sum);
  }

  public static double innerProduct(float[] a, float[] b) {
    checkSameDimension(a, b);
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  /** 1 - cos(a, b); NaN when either vector is all zeros (as in pgvector and DuckDB). */
  public static double cosineDistance(float[] a, float[] b) {
    checkSameDimension(a, b);
    double dot = 0;
    double normA = 0;
    double normB = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      normA += (double) a[i] * a[i];
      normB += (double) b[i] * b[i];
    }
    return 1 - dot / Math.sqrt(normA * normB);
  }

  public static double norm(float[] a) {
    double sum = 0;
    for (float x : a) {
      sum += (double) x * x;
    }
    return Math.sqrt(sum);
  }

  private static void checkSameDimension(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new VectorException(
          "vector dimensions differ: " + a.length + " and " + b.length);
    }
  }
}
