package dev.eider.server.avatica;

import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/**
 * The real Avatica thin client, the shaded {@code avatica} jar a BI tool loads (with the SLF4J API jar it
 * needs beside it), in a class loader of its own: nothing of the server's class path is visible to it, as in
 * a separate client process.
 */
final class ThinClient implements AutoCloseable {

  private final URLClassLoader loader;
  private final Driver driver;

  ThinClient() throws ReflectiveOperationException, MalformedURLException {
    String jar = System.getProperty("eider.thin.client.jar");
    if (jar == null || !Files.isRegularFile(Path.of(jar))) {
      throw new IllegalStateException("system property eider.thin.client.jar must name the shaded avatica jar"
          + " (set by the jdbc-server pom), not " + jar);
    }
    URL slf4jApi = org.slf4j.LoggerFactory.class.getProtectionDomain().getCodeSource().getLocation();
    loader = new URLClassLoader(new URL[] {Path.of(jar).toUri().toURL(), slf4jApi},
        ClassLoader.getPlatformClassLoader());
    driver = (Driver) loader.loadClass("org.apache.calcite.avatica.remote.Driver")
        .getDeclaredConstructor().newInstance();
  }

  /** Connects without credentials. */
  Connection connect(String url) throws SQLException {
    return connect(url, new Properties());
  }

  /** Connects as {@code user}. */
  Connection connect(String url, String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("avatica_user", user);
    properties.setProperty("avatica_password", password);
    return connect(url, properties);
  }

  Connection connect(String url, Properties properties) throws SQLException {
    Connection connection = driver.connect(url, properties);
    if (connection == null) {
      throw new SQLException("the thin driver does not accept " + url);
    }
    return connection;
  }

  /** True if {@code object} came from the thin client's own class loader (not the server's classes). */
  boolean owns(Object object) {
    return object.getClass().getClassLoader() == loader;
  }

  @Override
  public void close() throws Exception {
    loader.close();
  }
}
