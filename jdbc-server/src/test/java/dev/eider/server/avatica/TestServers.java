package dev.eider.server.avatica;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/** Server options for tests: loopback, a free port, no users, no limits, unless a test says otherwise. */
final class TestServers {

  private String engineUrl;
  private List<Path> databases = List.of();
  private Serialization serialization = Serialization.PROTOBUF;
  private Path users;
  private ServerOptions.Authentication authentication = ServerOptions.Authentication.BASIC;
  private ServerOptions.TlsKeystore tls;
  private int maxConnections;
  private long maxRows;
  private Duration statementTimeout = Duration.ZERO;
  private Duration idleTimeout = Duration.ofMinutes(10);
  private Duration shutdownGrace = Duration.ofSeconds(10);

  private TestServers() {}

  /** A server on the DuckDB file {@code database} through the embedded Eider driver. */
  static TestServers on(Path database) {
    TestServers servers = new TestServers();
    servers.engineUrl = "jdbc:eider:duckdb=" + database.toAbsolutePath();
    servers.databases = List.of(database);
    return servers;
  }

  TestServers serialization(Serialization value) {
    serialization = value;
    return this;
  }

  TestServers users(Path file, ServerOptions.Authentication scheme) {
    users = file;
    authentication = scheme;
    return this;
  }

  TestServers tls(Path keystore, String password) {
    tls = new ServerOptions.TlsKeystore(keystore, password);
    return this;
  }

  TestServers limits(int connections, long rows, Duration timeout, Duration idle) {
    maxConnections = connections;
    maxRows = rows;
    statementTimeout = timeout;
    idleTimeout = idle;
    return this;
  }

  TestServers shutdownGrace(Duration grace) {
    shutdownGrace = grace;
    return this;
  }

  ServerOptions options() {
    return new ServerOptions(engineUrl, databases, "127.0.0.1", 0, serialization, users, authentication, tls,
        new ServerLimits(maxConnections, maxRows, statementTimeout, idleTimeout), shutdownGrace);
  }

  EiderServer start() throws Exception {
    return EiderServer.start(options());
  }
}
