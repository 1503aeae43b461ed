package dev.eider.server.avatica;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Array;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.function.Consumer;

/**
 * Wraps an engine connection for Avatica's {@code JdbcMeta}, with two changes:
 *
 * <ul>
 *   <li>every statement it creates is reported (so the server can cancel it on timeout or shutdown);
 *   <li>arrays in results refuse {@link Array#getResultSet()}. Calcite's implementation returns one column
 *       where JDBC (and Avatica, which reads column 2) expects two, so array columns failed with "invalid
 *       column ordinal: 2"; refusing makes Avatica read {@link Array#getArray()} instead, which is right.
 * </ul>
 */
final class EngineConnections {

  private EngineConnections() {}

  /** The wrapped connection; {@code onStatement} sees each statement created through it. */
  static Connection wrap(Connection connection, Consumer<Statement> onStatement) {
    return proxy(Connection.class, connection, (method, result) -> {
      if (result instanceof Statement statement) {
        onStatement.accept(statement);
        return wrapStatement(statement);
      }
      return result;
    });
  }

  private static Statement wrapStatement(Statement statement) {
    Class<? extends Statement> type = statement instanceof CallableStatement ? CallableStatement.class
        : statement instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
    return proxy(type, statement,
        (method, result) -> result instanceof ResultSet results ? wrapResultSet(results) : result);
  }

  private static ResultSet wrapResultSet(ResultSet results) {
    return proxy(ResultSet.class, results,
        (method, result) -> result instanceof Array array ? withoutResultSet(array) : result);
  }

  private static Array withoutResultSet(Array array) {
    return (Array) Proxy.newProxyInstance(Array.class.getClassLoader(), new Class<?>[] {Array.class},
        (proxy, method, args) -> {
          if (method.getName().equals("getResultSet")) {
            throw new SQLFeatureNotSupportedException("read arrays with getArray()");
          }
          return invoke(array, method, args);
        });
  }

  /** Post-processes what a delegated call returned. */
  @FunctionalInterface
  private interface ResultMapper {
    Object map(Method method, Object result);
  }

  private static <T> T proxy(Class<? extends T> type, T target, ResultMapper mapper) {
    return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[] {type},
        (proxy, method, args) -> {
          Object result = invoke(target, method, args);
          return method.getName().equals("unwrap") ? result : mapper.map(method, result);
        }));
  }

  private static Object invoke(Object target, Method method, Object[] args) throws Throwable {
    try {
      return method.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }
}
