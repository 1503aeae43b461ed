package dev.eider.adapter.vector;

import java.sql.Array;
import java.sql.SQLException;
import java.util.List;

/**
 * Converts the forms a vector arrives in (SQL text {@code '[1,2,3]'}, {@code float[]}, {@code double[]},
 * {@code Number[]}, {@code List<Number>}, {@link java.sql.Array}) to a validated {@code float[]}, and
 * back to DuckDB's text form. Every vector Eider receives passes through {@link #toFloats}: it must be
 * non-empty, finite, and of the expected dimension.
 */
public final class Vectors {
  /** Pass as the expected dimension when any dimension is acceptable. */
  public static final int ANY_DIMENSION = -1;

  private Vectors() {}

  /** The validated vector of {@code value}, which must have {@code dimension} elements (or any). */
  public static float[] toFloats(Object value, int dimension) {
    float[] vector = switch (value) {
      case String text -> parse(text);
      case float[] floats -> floats.clone();
      case double[] doubles -> fromDoubles(doubles);
      case Object[] objects -> fromObjects(objects);
      case List<?> list -> fromObjects(list.toArray());
      case Array array -> fromSqlArray(array);
      default -> throw new VectorException("a " + value.getClass().getSimpleName()
          + " is not a vector; use float[], a java.sql.Array or text like '[1,2,3]'");
    };
    validate(vector, dimension);
    return vector;
  }

  /**
   * The elements of a vector Calcite already holds (a FLOAT[n] column value or a TO_VECTOR result):
   * converted as they are, without the checks for input, so stored NaNs give NaN distances exactly as
   * in DuckDB.
   */
  public static float[] elements(List<?> vector) {
    return fromObjects(vector.toArray());
  }

  /** The elements as a list of Floats, Calcite's run-time form of a vector. */
  public static List<Float> toList(float[] vector) {
    Float[] boxed = new Float[vector.length];
    for (int i = 0; i < vector.length; i++) {
      boxed[i] = vector[i];
    }
    return List.of(boxed);
  }

  /** DuckDB's text form, e.g. {@code [1.0,2.5,3.0]}; casting it to FLOAT[n] gives the same floats. */
  public static String toText(float[] vector) {
    StringBuilder text = new StringBuilder(vector.length * 10).append('[');
    for (int i = 0; i < vector.length; i++) {
      if (i > 0) {
        text.append(',');
      }
      text.append(Float.toString(vector[i]));
    }
    return text.append(']').toString();
  }

  /** Parses {@code [1, 2.5, -3e-2]}. */
  public static float[] parse(String text) {
    String body = text.strip();
    if (!body.startsWith("[") || !body.endsWith("]")) {
      throw new VectorException("'" + abbreviate(text) + "' is not a vector; write it like '[1,2,3]'");
    }
    body = body.substring(1, body.length() - 1).strip();
    if (body.isEmpty()) {
      throw new VectorException("the vector '" + abbreviate(text) + "' is empty");
    }
    String[] parts = body.split(",", -1);
    float[] vector = new float[parts.length];
    for (int i = 0; i < parts.length; i++) {
      String part = parts[i].strip();
      try {
        vector[i] = Float.parseFloat(part);
      } catch (NumberFormatException e) {
        throw new VectorException("element " + (i + 1) + " of the vector '" + abbreviate(text)
            + "' is not a number: '" + part + "'", e);
      }
    }
    return vector;
  }

  private static void validate(float[] vector, int dimension) {
    if (vector.length == 0) {
      throw new VectorException("the vector is empty");
    }
    if (dimension != ANY_DIMENSION && vector.length != dimension) {
      throw new VectorException("vector dimensions differ: expected " + dimension + ", got "
          + vector.length);
    }
    for (int i = 0; i < vector.length; i++) {
      if (!Float.isFinite(vector[i])) {
        throw new VectorException("element " + (i + 1) + " of the vector is "
            + (Float.isNaN(vector[i]) ? "NaN" : "infinite") + "; vectors must be finite");
      }
    }
  }

  private static float[] fromDoubles(double[] doubles) {
    float[] vector = new float[doubles.length];
    for (int i = 0; i < doubles.length; i++) {
      vector[i] = (float) doubles[i];
    }
    return vector;
  }

  private static float[] fromObjects(Object[] objects) {
    float[] vector = new float[objects.length];
    for (int i = 0; i < objects.length; i++) {
      if (objects[i] instanceof Number number) {
        vector[i] = number.floatValue();
      } else if (objects[i] == null) {
        throw new VectorException("element " + (i + 1) + " of the vector is NULL");
      } else {
        throw new VectorException("element " + (i + 1) + " of the vector is not a number: "
            + objects[i]);
      }
    }
    return vector;
  }

  private static float[] fromSqlArray(Array array) {
    try {
      return switch (array.getArray()) {
        case float[] floats -> floats;
        case double[] doubles -> fromDoubles(doubles);
        case Object[] objects -> fromObjects(objects);
        case List<?> list -> fromObjects(list.toArray());
        default -> throw new VectorException("the SQL array is not an array of numbers");
      };
    } catch (SQLException e) {
      throw new VectorException("cannot read the SQL array: " + e.getMessage(), e);
    }
  }

  private static String abbreviate(String text) {
    String oneLine = text.replace('\n', ' ');
    return oneLine.length() <= 60 ? oneLine : oneLine.substring(0, 57) + "...";
  }
}
