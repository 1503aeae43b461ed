package dev.eider.server.avatica;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.apache.calcite.avatica.remote.Driver.Serialization;

/**
 * Everything a server needs to start.
 *
 * @param engineUrl the embedded engine's JDBC URL (each client connection opens one engine connection)
 * @param databases database files to lock while serving (those the engine URL opens, where known)
 * @param bind the address to listen on
 * @param port the port, 0 for any free port
 * @param serialization the Avatica wire format
 * @param users the users file, or null to serve without authentication
 * @param authentication BASIC or DIGEST, used when there is a users file
 * @param tls the TLS keystore, or null for plain HTTP
 * @param limits what clients may use
 * @param shutdownGrace how long shutdown waits for running requests before cancelling them
 */
public record ServerOptions(String engineUrl, List<Path> databases, String bind, int port,
    Serialization serialization, Path users, Authentication authentication, TlsKeystore tls,
    ServerLimits limits, Duration shutdownGrace) {

  /** How clients prove who they are when the server has a users file. */
  public enum Authentication { BASIC, DIGEST }

  /**
   * A keystore holding the server's TLS key and certificate.
   *
   * @param file a PKCS12 or JKS keystore
   * @param password its password (also the key's)
   */
  public record TlsKeystore(Path file, String password) {
    public TlsKeystore {
      Objects.requireNonNull(file, "TLS keystore file");
      Objects.requireNonNull(password, "TLS keystore password");
    }

    @Override
    public String toString() {
      return "TlsKeystore[" + file + "]";
    }
  }

  public ServerOptions {
    Objects.requireNonNull(engineUrl, "engine URL");
    databases = List.copyOf(databases);
    Objects.requireNonNull(bind, "bind address");
    Objects.requireNonNull(serialization, "serialization");
    Objects.requireNonNull(authentication, "authentication");
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(shutdownGrace, "shutdown grace");
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
    }
  }
}
