package dev.eider.server.avatica;

import dev.eider.server.auth.DigestSecret;
import dev.eider.server.auth.UserDirectory;
import dev.eider.server.auth.UserEntry;
import dev.eider.server.auth.UsersLoginService;
import java.util.concurrent.Callable;
import org.apache.calcite.avatica.remote.AuthenticationType;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HttpRequestRemoteUserExtractor;
import org.apache.calcite.avatica.server.RemoteUserDisallowedException;
import org.apache.calcite.avatica.server.RemoteUserExtractor;

/**
 * Avatica's view of BASIC or DIGEST authentication against the users file. Avatica calls
 * {@link #doAsRemoteUser} around every authenticated request; that is where the request's caller (name and
 * current role) is set for the service below.
 */
final class UsersConfiguration implements AvaticaServerConfiguration {

  private final AuthenticationType type;
  private final UserDirectory users;
  private final CallerContext callers;
  private final RemoteUserExtractor extractor = new HttpRequestRemoteUserExtractor();

  UsersConfiguration(ServerOptions.Authentication authentication, UserDirectory users, CallerContext callers) {
    this.type = authentication == ServerOptions.Authentication.DIGEST ? AuthenticationType.DIGEST
        : AuthenticationType.BASIC;
    this.users = users;
    this.callers = callers;
  }

  @Override
  public AuthenticationType getAuthenticationType() {
    return type;
  }

  @Override
  public String[] getAllowedRoles() {
    return UsersLoginService.allRoles();
  }

  @Override
  public String getHashLoginServiceRealm() {
    return DigestSecret.REALM;
  }

  @Override
  public String getHashLoginServiceProperties() {
    return users.file().toString();
  }

  @Override
  public boolean supportsImpersonation() {
    return true;
  }

  @Override
  public <T> T doAsRemoteUser(String remoteUserName, String remoteAddress, Callable<T> action) throws Exception {
    UserEntry user = users.find(remoteUserName).orElseThrow(() -> new RemoteUserDisallowedException(
        "user " + remoteUserName + " is no longer in the users file"));
    return callers.runAs(new Caller(user.name(), user.role()), action);
  }

  @Override
  public RemoteUserExtractor getRemoteUserExtractor() {
    return extractor;
  }

  @Override
  public String getKerberosRealm() {
    return null;
  }

  @Override
  public String getKerberosServiceName() {
    return null;
  }

  @Override
  public String getKerberosHostName() {
    return null;
  }

  @Override
  public String getKerberosPrincipal() {
    return null;
  }
}
