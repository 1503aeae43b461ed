package dev.eider.adapter.type;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeSystem;
import org.apache.calcite.sql.type.SqlTypeName;
import org.junit.jupiter.api.Test;

class DuckDbTypesTest {
  private final EiderTypeFactory factory = new EiderTypeFactory(RelDataTypeSystem.DEFAULT);

  private RelDataType type(String duckDbType) {
    return DuckDbTypes.toRelType(factory, duckDbType, true);
  }

  @Test
  void floatArraysAreVectorsThatKeepTheirDimension() {
    RelDataType vector = type("FLOAT[384]");
    assertThat(vector).isInstanceOf(VectorSqlType.class);
    assertThat(((VectorSqlType) vector).dimension()).isEqualTo(384);
    assertThat(vector.getComponentType().getSqlTypeName()).isEqualTo(SqlTypeName.REAL);
    assertThat(vector.getFullTypeString()).isEqualTo("FLOAT[384]");
    RelDataType notNull = factory.createTypeWithNullability(vector, false);
    assertThat(notNull).isInstanceOf(VectorSqlType.class);
    assertThat(notNull.getFullTypeString()).isEqualTo("FLOAT[384] NOT NULL");
    assertThat(factory.createTypeWithNullability(notNull, true)).isSameAs(vector);
    assertThat(type("FLOAT[3]")).isNotEqualTo(vector);
  }

  @Test
  void scalarTypes() {
    assertThat(type("VARCHAR").getPrecision()).isEqualTo(RelDataType.PRECISION_NOT_SPECIFIED);
    assertThat(type("INTEGER").getSqlTypeName()).isEqualTo(SqlTypeName.INTEGER);
    assertThat(type("BIGINT").getSqlTypeName()).isEqualTo(SqlTypeName.BIGINT);
    assertThat(type("DOUBLE").getSqlTypeName()).isEqualTo(SqlTypeName.DOUBLE);
    assertThat(type("FLOAT").getSqlTypeName()).isEqualTo(SqlTypeName.REAL);
    assertThat(type("DECIMAL(10,2)").getFullTypeString()).isEqualTo("DECIMAL(10, 2)");
    assertThat(type("BOOLEAN").getSqlTypeName()).isEqualTo(SqlTypeName.BOOLEAN);
    assertThat(type("DATE").getSqlTypeName()).isEqualTo(SqlTypeName.DATE);
    assertThat(type("TIMESTAMP").getSqlTypeName()).isEqualTo(SqlTypeName.TIMESTAMP);
    assertThat(type("STRUCT(a INTEGER)").getSqlTypeName()).isEqualTo(SqlTypeName.ANY);
  }

  @Test
  void listsAndOtherArraysAreArraysOfTheirElement() {
    assertThat(type("VARCHAR[]").getFullTypeString()).isEqualTo("VARCHAR ARRAY");
    assertThat(type("INTEGER[4]").getFullTypeString()).isEqualTo("INTEGER ARRAY");
    assertThat(type("DOUBLE[]").getComponentType().getSqlTypeName()).isEqualTo(SqlTypeName.DOUBLE);
  }
}
