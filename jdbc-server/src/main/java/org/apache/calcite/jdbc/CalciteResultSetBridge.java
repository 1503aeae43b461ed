package org.apache.calcite.jdbc;

import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.TimeZone;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.Meta;

/**
 * Lets Eider extend {@link CalciteResultSet}, whose constructor is package-private. This class adds
 * nothing else.
 */
public abstract class CalciteResultSetBridge extends CalciteResultSet {
  protected CalciteResultSetBridge(AvaticaStatement statement, Meta.Signature signature,
      ResultSetMetaData metaData, TimeZone timeZone, Meta.Frame firstFrame) throws SQLException {
    super(statement, (CalcitePrepare.CalciteSignature) signature, metaData, timeZone, firstFrame);
  }
}
