package dev.eider.adapter.type;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Maps DuckDB type names (as {@code duckdb_columns().data_type} spells them) to Calcite types.
 * {@code FLOAT[n]} becomes a {@link VectorSqlType}; other fixed arrays and lists become arrays of
 * their element type; VARCHAR has no length; types Calcite cannot represent become ANY.
 */
public final class DuckDbTypes {
  private static final Pattern FIXED_ARRAY = Pattern.compile("(.+)\\[(\\d+)]");
  private static final Pattern LIST = Pattern.compile("(.+)\\[]");
  private static final Pattern DECIMAL = Pattern.compile("DECIMAL\\((\\d+),\\s*(\\d+)\\)");

  private DuckDbTypes() {}

  /** The Calcite type of a DuckDB column of type {@code duckType}. */
  public static RelDataType toRelType(RelDataTypeFactory factory, String duckType, boolean nullable) {
    return factory.createTypeWithNullability(toRelType(factory, duckType.trim()), nullable);
  }

  /** The vector type of {@code dimension} floats, keeping the dimension when the factory allows it. */
  public static RelDataType vectorType(RelDataTypeFactory factory, int dimension) {
    if (factory instanceof EiderTypeFactory eider) {
      return eider.createVectorType(dimension);
    }
    return factory.createTypeWithNullability(
        factory.createArrayType(factory.createSqlType(SqlTypeName.REAL), -1), true);
  }

  private static RelDataType toRelType(RelDataTypeFactory factory, String duckType) {
    Matcher fixed = FIXED_ARRAY.matcher(duckType);
    if (fixed.matches()) {
      String element = fixed.group(1).trim().toUpperCase(Locale.ROOT);
      int dimension = Integer.parseInt(fixed.group(2));
      if (element.equals("FLOAT") || element.equals("REAL") || element.equals("FLOAT4")) {
        return vectorType(factory, dimension);
      }
      return arrayOf(factory, element);
    }
    Matcher list = LIST.matcher(duckType);
    if (list.matches()) {
      return arrayOf(factory, list.group(1).trim());
    }
    Matcher decimal = DECIMAL.matcher(duckType.toUpperCase(Locale.ROOT));
    if (decimal.matches()) {
      return factory.createSqlType(
          SqlTypeName.DECIMAL, Integer.parseInt(decimal.group(1)), Integer.parseInt(decimal.group(2)));
    }
    return switch (duckType.toUpperCase(Locale.ROOT)) {
      case "BOOLEAN" -> factory.createSqlType(SqlTypeName.BOOLEAN);
      case "TINYINT" -> factory.createSqlType(SqlTypeName.TINYINT);
      case "SMALLINT", "UTINYINT" -> factory.createSqlType(SqlTypeName.SMALLINT);
      case "INTEGER", "USMALLINT" -> factory.createSqlType(SqlTypeName.INTEGER);
      case "BIGINT", "UINTEGER" -> factory.createSqlType(SqlTypeName.BIGINT);
      case "HUGEINT", "UHUGEINT" -> factory.createSqlType(SqlTypeName.DECIMAL, 38, 0);
      case "UBIGINT" -> factory.createSqlType(SqlTypeName.DECIMAL, 20, 0);
      case "FLOAT", "REAL" -> factory.createSqlType(SqlTypeName.REAL);
      case "DOUBLE" -> factory.createSqlType(SqlTypeName.DOUBLE);
      case "VARCHAR", "UUID" -> factory.createSqlType(SqlTypeName.VARCHAR);
      case "BLOB" -> factory.createSqlType(SqlTypeName.VARBINARY);
      case "DATE" -> factory.createSqlType(SqlTypeName.DATE);
      case "TIME" -> factory.createSqlType(SqlTypeName.TIME);
      case "TIMESTAMP" -> factory.createSqlType(SqlTypeName.TIMESTAMP, 6);
      default -> factory.createSqlType(SqlTypeName.ANY);
    };
  }

  private static RelDataType arrayOf(RelDataTypeFactory factory, String elementType) {
    return factory.createArrayType(factory.createTypeWithNullability(
        toRelType(factory, elementType), true), -1);
  }
}
