package dev.eider.adapter.type;

import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Calcite's Java type factory plus {@link VectorSqlType}: the stock factory rebuilds array types as
 * plain {@code ArraySqlType} whenever nullability changes, which would drop the vector dimension.
 */
public class EiderTypeFactory extends JavaTypeFactoryImpl {

  public EiderTypeFactory(RelDataTypeSystem typeSystem) {
    super(typeSystem);
  }

  /** The nullable vector type of {@code dimension} REAL elements. */
  public RelDataType createVectorType(int dimension) {
    return canonize(new VectorSqlType(createSqlType(SqlTypeName.REAL), dimension, true));
  }

  @Override
  public RelDataType createTypeWithNullability(RelDataType type, boolean nullable) {
    if (type instanceof VectorSqlType vector) {
      return canonize(vectorCopy(vector, nullable));
    }
    return super.createTypeWithNullability(type, nullable);
  }

  @Override
  public RelDataType enforceTypeWithNullability(RelDataType type, boolean nullable) {
    if (type instanceof VectorSqlType vector) {
      return canonize(vectorCopy(vector, nullable));
    }
    return super.enforceTypeWithNullability(type, nullable);
  }

  private VectorSqlType vectorCopy(VectorSqlType vector, boolean nullable) {
    return new VectorSqlType(vector.getComponentType(), vector.dimension(), nullable);
  }
}
