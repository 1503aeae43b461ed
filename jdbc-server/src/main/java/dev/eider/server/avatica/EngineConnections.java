package dev.eider.server.avatica;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Wraps an engine connection for Avatica's {@code JdbcMeta} so that every statement it creates is reported:
 * {@code JdbcMeta} keeps its statements private, and the server needs them to cancel a statement on timeout or
 * at shutdown. (Array columns need nothing here: the Eider driver's result sets already refuse
 * {@code Array.getResultSet()}, which Avatica would misread.)
 */
final class EngineConnections {

  private EngineConnections() {}

  /** The wrapped connection; {@code onStatement} sees each statement created through it. */
  static Connection wrap(Connection connection, Consumer<Statement> onStatement) {
    return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(),
        new Class<?>[] {Connection.class}, (proxy, method, args) -> {
          Object result;
          try {
            result = method.invoke(connection, args);
          } catch (InvocationTargetException e) {
            throw e.getCause();
          }
          if (result instanceof Statement statement) {
            onStatement.accept(statement);
          }
          return result;
        });
  }
}
