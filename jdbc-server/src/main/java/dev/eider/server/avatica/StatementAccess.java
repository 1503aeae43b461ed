package dev.eider.server.avatica;

import dev.eider.server.auth.Role;
import java.util.Locale;
import java.util.Set;

/**
 * The role a SQL statement needs, from its first keyword: queries, EXPLAIN and DESCRIBE need a reader;
 * INSERT, UPSERT, UPDATE, DELETE and MERGE need a writer; everything else (CREATE, DROP, ALTER, VACUUM, SET,
 * anything unknown) needs an admin, so a statement kind added to the grammar later is refused to lesser roles
 * until it is listed here.
 */
public final class StatementAccess {

  private static final Set<String> READ = Set.of("SELECT", "WITH", "VALUES", "TABLE", "EXPLAIN", "DESCRIBE");
  private static final Set<String> WRITE = Set.of("INSERT", "UPSERT", "UPDATE", "DELETE", "MERGE");

  private StatementAccess() {}

  /** The role {@code sql} needs. */
  public static Role requiredRole(String sql) {
    String keyword = firstKeyword(sql);
    if (READ.contains(keyword)) {
      return Role.READER;
    }
    return WRITE.contains(keyword) ? Role.WRITER : Role.ADMIN;
  }

  /** The first keyword of {@code sql} in upper case, skipping blanks, comments and opening parentheses. */
  static String firstKeyword(String sql) {
    int i = 0;
    int n = sql.length();
    while (i < n) {
      char c = sql.charAt(i);
      if (Character.isWhitespace(c) || c == '(') {
        i++;
      } else if (sql.startsWith("--", i)) {
        int end = sql.indexOf('\n', i);
        i = end < 0 ? n : end + 1;
      } else if (sql.startsWith("/*", i)) {
        int end = sql.indexOf("*/", i + 2);
        i = end < 0 ? n : end + 2;
      } else {
        break;
      }
    }
    int start = i;
    while (i < n && Character.isLetter(sql.charAt(i))) {
      i++;
    }
    return sql.substring(start, i).toUpperCase(Locale.ROOT);
  }

  /** The message for a caller whose role is too low. */
  static String refusal(Caller caller, Role needed, String sql) {
    String keyword = firstKeyword(sql);
    return "user " + caller.name() + " has role " + caller.role().label() + ": "
        + (keyword.isEmpty() ? "this statement" : keyword) + " needs " + needed.label();
  }
}
