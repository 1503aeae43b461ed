package dev.eider.server.auth;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One line of the users file.
 *
 * @param name the login name
 * @param role what the user may do
 * @param password the PBKDF2 hash checked by BASIC authentication
 * @param digestHa1 the HA1 checked by DIGEST authentication, or null if the user may not use DIGEST
 */
public record UserEntry(String name, Role role, PasswordHash password, String digestHa1) {

  private static final Pattern VALID_NAME = Pattern.compile("[A-Za-z0-9_.@-]{1,64}");

  public UserEntry {
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(password, "password");
    requireValidName(name);
  }

  /** Throws if {@code name} cannot be a user name (it must fit in an HTTP header and the users file). */
  public static void requireValidName(String name) {
    if (name == null || !VALID_NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("invalid user name '" + name
          + "': use 1 to 64 letters, digits, '_', '.', '@' or '-'");
    }
  }

  /** True if the user can log in with HTTP DIGEST. */
  public boolean allowsDigest() {
    return digestHa1 != null;
  }

  /** The same user with another role. */
  public UserEntry withRole(Role newRole) {
    return new UserEntry(name, newRole, password, digestHa1);
  }
}
