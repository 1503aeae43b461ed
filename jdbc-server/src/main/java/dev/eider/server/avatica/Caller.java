package dev.eider.server.avatica;

import dev.eider.server.auth.Role;

/**
 * Who sent the request being served.
 *
 * @param name the authenticated user name, or {@link #ANONYMOUS_NAME} when the server has no users file
 * @param role what the user may do
 */
public record Caller(String name, Role role) {

  /** The name of every caller of a server that does not authenticate. */
  public static final String ANONYMOUS_NAME = "anonymous";

  /** The caller of a server without a users file: it may do everything. */
  public static Caller anonymous() {
    return new Caller(ANONYMOUS_NAME, Role.ADMIN);
  }
}
