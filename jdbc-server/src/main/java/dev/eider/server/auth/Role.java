package dev.eider.server.auth;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** What a server user may do; each role includes everything the roles before it may do. */
public enum Role {
  /** Queries, EXPLAIN and metadata calls. */
  READER,
  /** Also INSERT, UPDATE, DELETE and MERGE. */
  WRITER,
  /** Also DDL: CREATE, DROP, ALTER, VACUUM, ... */
  ADMIN;

  /** True if a user with this role may run a statement that needs {@code needed}. */
  public boolean includes(Role needed) {
    return compareTo(needed) >= 0;
  }

  /** The lower-case name used in the users file and on the command line. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a role name, case-insensitively. */
  public static Role parse(String text) {
    for (Role role : values()) {
      if (role.label().equalsIgnoreCase(text.strip())) {
        return role;
      }
    }
    throw new IllegalArgumentException("unknown role '" + text + "': expected one of "
        + Arrays.stream(values()).map(Role::label).collect(Collectors.joining(", ")));
  }
}
