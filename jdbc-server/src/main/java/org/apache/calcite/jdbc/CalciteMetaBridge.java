package org.apache.calcite.jdbc;

import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.avatica.NoSuchStatementException;

/**
 * Lets Eider extend {@link CalciteMetaImpl}: its constructor takes Calcite's package-private
 * connection class, and a prepared statement's signature is only reachable through it; code outside
 * this package cannot name either.
 */
public abstract class CalciteMetaBridge extends CalciteMetaImpl {
  protected CalciteMetaBridge(AvaticaConnection connection) {
    super((CalciteConnectionImpl) connection, CalciteMetaTableFactoryImpl.INSTANCE,
        CalciteMetaColumnFactoryImpl.INSTANCE);
  }

  /** The signature of prepared statement {@code h} (the handle itself may not carry it). */
  protected Meta.Signature preparedSignature(Meta.StatementHandle h)
      throws NoSuchStatementException {
    return getConnection().server.getStatement(h).getSignature();
  }
}
