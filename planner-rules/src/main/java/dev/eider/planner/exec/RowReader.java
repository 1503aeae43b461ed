package dev.eider.planner.exec;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.SqlFunctions;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * Reads DuckDB result columns into Calcite's run-time representation of the table's row type (the one
 * the JDBC adapter's generated code produces): dates as day numbers, timestamps as milliseconds,
 * arrays as lists.
 */
final class RowReader {
  private final SqlTypeName[] types;

  RowReader(RelDataType rowType) {
    List<RelDataTypeField> fields = rowType.getFieldList();
    types = new SqlTypeName[fields.size()];
    for (int i = 0; i < types.length; i++) {
      types[i] = fields.get(i).getType().getSqlTypeName();
    }
  }

  int columns() {
    return types.length;
  }

  /** Columns 1..n of the current row into {@code row[0..n-1]}. */
  void read(ResultSet resultSet, Object[] row) throws SQLException {
    for (int i = 0; i < types.length; i++) {
      row[i] = value(resultSet, i + 1, types[i]);
    }
  }

  private static Object value(ResultSet rs, int column, SqlTypeName type) throws SQLException {
    Object value = switch (type) {
      case BOOLEAN -> rs.getBoolean(column);
      case TINYINT -> rs.getByte(column);
      case SMALLINT -> rs.getShort(column);
      case INTEGER -> rs.getInt(column);
      case BIGINT -> rs.getLong(column);
      case REAL -> rs.getFloat(column);
      case FLOAT, DOUBLE -> rs.getDouble(column);
      case DECIMAL -> rs.getBigDecimal(column);
      case CHAR, VARCHAR -> rs.getString(column);
      case DATE -> {
        java.sql.Date date = rs.getDate(column);
        yield date == null ? null : SqlFunctions.toInt(date);
      }
      case TIME -> {
        java.sql.Time time = rs.getTime(column);
        yield time == null ? null : SqlFunctions.toInt(time);
      }
      case TIMESTAMP -> {
        java.sql.Timestamp timestamp = rs.getTimestamp(column);
        yield timestamp == null ? null : SqlFunctions.toLong(timestamp);
      }
      case ARRAY -> {
        java.sql.Array array = rs.getArray(column);
        yield array == null ? null : SqlFunctions.arrayToList(array);
      }
      default -> rs.getObject(column);
    };
    return rs.wasNull() ? null : value;
  }
}
