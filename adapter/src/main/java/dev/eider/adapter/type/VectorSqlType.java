package dev.eider.adapter.type;

import java.util.Objects;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.sql.type.ArraySqlType;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A fixed-size vector of 32-bit floats: DuckDB's {@code FLOAT[n]}. To Calcite it is an array of REAL
 * (a Java {@code List<Float>} at run time) that also knows its dimension, so the planner can check
 * operands and the dialect can write {@code CAST(x AS FLOAT[n])}. Type strings read {@code FLOAT[n]}.
 */
public final class VectorSqlType extends ArraySqlType {
  private final int dimension;

  /** Use {@link EiderTypeFactory#createVectorType(int)}, which canonizes the type. */
  VectorSqlType(RelDataType realType, int dimension, boolean nullable) {
    super(realType, nullable);
    if (dimension <= 0) {
      throw new IllegalArgumentException("A vector needs a positive dimension, not " + dimension);
    }
    this.dimension = dimension;
    computeDigest();
  }

  public int dimension() {
    return dimension;
  }

  /** The DuckDB spelling of this type, e.g. {@code FLOAT[384]}. */
  public String duckDbName() {
    return "FLOAT[" + dimension + "]";
  }

  @Override
  protected void generateTypeString(StringBuilder sb, boolean withDetail) {
    // Called by the super constructor before the dimension is set; computeDigest() runs again after.
    sb.append("FLOAT[").append(dimension).append(']');
  }

  @Override
  public boolean deepEquals(@Nullable Object obj) {
    return obj instanceof VectorSqlType that
        && that.dimension == dimension
        && that.isNullable() == isNullable();
  }

  @Override
  public int deepHashCode() {
    return Objects.hash(VectorSqlType.class, dimension, isNullable);
  }
}
