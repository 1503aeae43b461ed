package dev.eider.server.auth;

import java.util.Arrays;
import org.eclipse.jetty.security.AbstractLoginService;
import org.eclipse.jetty.util.security.Credential;

/**
 * Jetty login service over a {@link UserDirectory}, for both BASIC and DIGEST authentication: a BASIC login
 * is checked against the user's PBKDF2 hash, a DIGEST response against the user's stored HA1 (users without
 * one cannot log in with DIGEST). Each user has exactly one Jetty role, its {@link Role} label.
 */
public final class UsersLoginService extends AbstractLoginService {

  private final UserDirectory users;

  public UsersLoginService(UserDirectory users) {
    this.users = users;
    setName(DigestSecret.REALM);
  }

  /** The Jetty role names a constraint should accept: every Eider role. */
  public static String[] allRoles() {
    return Arrays.stream(Role.values()).map(Role::label).toArray(String[]::new);
  }

  @Override
  protected String[] loadRoleInfo(UserPrincipal user) {
    return users.find(user.getName()).map(entry -> new String[] {entry.role().label()}).orElse(new String[0]);
  }

  @Override
  protected UserPrincipal loadUserInfo(String name) {
    return users.find(name).map(entry -> new UserPrincipal(name, new UserCredential(users, entry))).orElse(null);
  }

  /** Checks what a client presented: a BASIC password string, or a DIGEST response (itself a Credential). */
  private static final class UserCredential extends Credential {
    private static final long serialVersionUID = 1L;

    private final transient UserDirectory users;
    private final transient UserEntry entry;

    UserCredential(UserDirectory users, UserEntry entry) {
      this.users = users;
      this.entry = entry;
    }

    @Override
    public boolean check(Object presented) {
      if (presented instanceof String password) {
        return users.checkPassword(entry, password);
      }
      if (presented instanceof Credential digestResponse && entry.allowsDigest()) {
        return digestResponse.check(Credential.getCredential("MD5:" + entry.digestHa1()));
      }
      return false;
    }
  }
}
