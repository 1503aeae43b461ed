package dev.eider.server.jdbc;

import dev.eider.adapter.vector.VectorException;
import dev.eider.adapter.vector.Vectors;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.AvaticaParameter;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.remote.TypedValue;

/**
 * Turns every accepted form of a vector bind parameter ({@code float[]}, {@code double[]}, a number
 * array or list, {@link java.sql.Array}, text {@code '[1,2,3]'}) into DuckDB's text form before a
 * statement runs, checking dimension and finiteness. The planner reads vector parameters as text
 * (see {@code EiderConvertletTable}), so pushed-down and Java-evaluated plans get the same value.
 */
final class VectorParameters {
  /** Calcite names a vector parameter's type after {@code VectorSqlType}: {@code FLOAT[n]}. */
  private static final Pattern VECTOR_TYPE = Pattern.compile("FLOAT\\[(\\d+)](?: NOT NULL)?");

  private VectorParameters() {}

  /**
   * Replaces vector values by their text form, in place: Calcite re-reads the values from the
   * statement's parameter slots, which {@code values} writes through to. Throws
   * {@link VectorException} for a bad vector.
   */
  static void normalize(Meta.Signature signature, List<TypedValue> values) {
    if (values == null || signature == null || signature.parameters.isEmpty()) {
      return;
    }
    for (int i = 0; i < values.size() && i < signature.parameters.size(); i++) {
      AvaticaParameter parameter = signature.parameters.get(i);
      TypedValue value = values.get(i);
      Matcher vector = VECTOR_TYPE.matcher(String.valueOf(parameter.typeName));
      if (value == null || value.value == null || !vector.matches()) {
        continue;
      }
      int dimension = Integer.parseInt(vector.group(1));
      try {
        float[] floats = Vectors.toFloats(value.value, dimension);
        values.set(i, TypedValue.ofLocal(ColumnMetaData.Rep.STRING, Vectors.toText(floats)));
      } catch (VectorException e) {
        throw new VectorException("bind parameter " + (i + 1) + " (" + parameter.typeName + "): "
            + e.getMessage(), e);
      }
    }
  }
}
