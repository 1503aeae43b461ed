package dev.eider.server.avatica;

import dev.eider.server.auth.UsersLoginService;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpServer;
import org.eclipse.jetty.security.ConstraintSecurityHandler;
import org.eclipse.jetty.security.authentication.BasicAuthenticator;
import org.eclipse.jetty.security.authentication.DigestAuthenticator;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.security.Constraint;
import org.eclipse.jetty.util.ssl.SslContextFactory;

/**
 * Avatica's Jetty server, listening on one address and checking users against Eider's users file (Avatica's
 * own BASIC/DIGEST support reads Jetty's plain-text or MD5 property files instead).
 */
final class EiderHttpServer extends HttpServer {

  private static final int MAX_HEADER_BYTES = 64 * 1024;

  private final String bind;
  private final UsersLoginService loginService;

  EiderHttpServer(String bind, int port, AvaticaHandler handler, AvaticaServerConfiguration config,
      UsersLoginService loginService, SslContextFactory.Server tls) {
    super(port, handler, config, null, tls, MAX_HEADER_BYTES);
    this.bind = bind;
    this.loginService = loginService;
  }

  @Override
  protected ServerConnector getServerConnector() {
    ServerConnector connector = super.getServerConnector();
    connector.setHost(bind);
    return connector;
  }

  @Override
  protected ConstraintSecurityHandler configureBasicAuthentication(Server server,
      AvaticaServerConfiguration config) {
    server.addBean(loginService);
    return configureCommonAuthentication(Constraint.__BASIC_AUTH, UsersLoginService.allRoles(),
        new BasicAuthenticator(), loginService.getName(), loginService);
  }

  @Override
  protected ConstraintSecurityHandler configureDigestAuthentication(Server server,
      AvaticaServerConfiguration config) {
    server.addBean(loginService);
    return configureCommonAuthentication(Constraint.__DIGEST_AUTH, UsersLoginService.allRoles(),
        new DigestAuthenticator(), loginService.getName(), loginService);
  }
}
