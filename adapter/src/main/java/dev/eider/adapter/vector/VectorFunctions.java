package dev.eider.adapter.vector;

import java.util.List;
import org.apache.calcite.linq4j.function.Strict;

/**
 * The Java implementations of Eider's vector SQL functions, used when a distance cannot be pushed into
 * DuckDB. Calcite calls them from generated code; NULL in gives NULL out (as in pgvector).
 */
@Strict
public final class VectorFunctions {
  private VectorFunctions() {}

  public static double l2Distance(List<?> a, List<?> b) {
    return VectorKernels.l2Distance(floats(a), floats(b));
  }

  public static double cosineDistance(List<?> a, List<?> b) {
    return VectorKernels.cosineDistance(floats(a), floats(b));
  }

  public static double negativeInnerProduct(List<?> a, List<?> b) {
    return -VectorKernels.innerProduct(floats(a), floats(b));
  }

  public static double innerProduct(List<?> a, List<?> b) {
    return VectorKernels.innerProduct(floats(a), floats(b));
  }

  public static int vectorDims(List<?> a) {
    return a.size();
  }

  public static double vectorNorm(List<?> a) {
    return VectorKernels.norm(floats(a));
  }

  /** A vector of {@code dimension} floats from text, a list or an array (see {@link Vectors}). */
  public static List<Float> toVector(Object value, int dimension) {
    return Vectors.toList(Vectors.toFloats(value, dimension));
  }

  private static float[] floats(List<?> list) {
    return Vectors.elements(list);
  }
}
