package dev.eider.server.jdbc;

import java.sql.BatchUpdateException;
import java.sql.SQLException;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.CalcitePreparedStatementBridge;

/**
 * Calcite's prepared statement, except that a failing batch element is reported as the {@link
 * BatchUpdateException} JDBC prescribes (Avatica reports a plain {@link SQLException}), with the
 * update counts of what the batch kept.
 */
final class EiderPreparedStatement extends CalcitePreparedStatementBridge {
  EiderPreparedStatement(AvaticaConnection connection, Meta.StatementHandle h,
      Meta.Signature signature, int resultSetType, int resultSetConcurrency,
      int resultSetHoldability) throws SQLException {
    super(connection, h, signature, resultSetType, resultSetConcurrency, resultSetHoldability);
  }

  @Override
  public long[] executeLargeBatch() throws SQLException {
    try {
      return super.executeLargeBatch();
    } catch (SQLException e) {
      for (Throwable cause = e; cause != null; cause = cause.getCause()) {
        if (cause instanceof BatchElementException element) {
          throw new BatchUpdateException(element.getMessage(), null, 0, element.keptCounts(),
              element);
        }
      }
      throw e;
    }
  }
}
