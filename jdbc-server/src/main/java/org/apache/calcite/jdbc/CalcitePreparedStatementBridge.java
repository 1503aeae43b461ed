package org.apache.calcite.jdbc;

import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;

/**
 * Lets Eider extend {@link CalcitePreparedStatement}, which is package-private and takes Calcite's
 * package-private connection class. This class adds nothing else.
 */
public abstract class CalcitePreparedStatementBridge extends CalcitePreparedStatement {
  protected CalcitePreparedStatementBridge(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super((CalciteConnectionImpl) connection, h, signature, resultSetType, resultSetConcurrency,
        resultSetHoldability);
  }
}
