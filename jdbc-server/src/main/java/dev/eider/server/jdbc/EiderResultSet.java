package dev.eider.server.jdbc;

import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.ColumnMetaData;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalciteResultSetBridge;

/**
 * Calcite's result set, except that {@link java.sql.Array#getResultSet()} on its array values is
 * unsupported. Calcite's version returns one column where JDBC specifies two (index, value), which
 * breaks the Avatica server ("invalid column ordinal: 2"); when the call is unsupported, Avatica
 * reads the array with {@link java.sql.Array#getArray()} instead, which works.
 */
final class EiderResultSet extends CalciteResultSetBridge {

  EiderResultSet(AvaticaStatement statement, Meta.Signature signature, ResultSetMetaData metaData,
      TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, signature, metaData, timeZone, firstFrame);
  }

  @Override
  public ResultSet create(ColumnMetaData.AvaticaType elementType, Iterable<Object> iterable)
      throws SQLException {
    throw new SQLFeatureNotSupportedException(
        "Array.getResultSet() is not supported by Eider; use Array.getArray()");
  }
}
