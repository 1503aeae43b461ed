package dev.eider.planner;

import java.util.regex.Pattern;

/**
 * Lets hint options take bare values, {@code /*+ LM_DISKANN(search_l=300) *}{@code /}, as well as the
 * quoted ones Calcite's grammar requires ({@code search_l='300'}): before parsing, a bare value of a
 * {@code key=value} option inside a {@code /*+ ... *}{@code /} hint comment is quoted. String literals,
 * quoted identifiers and ordinary comments are left alone, so the rewrite cannot change a query's
 * meaning; the hint's own validation then reports a bad value.
 */
final class HintText {
  private static final Pattern BARE_OPTION = Pattern.compile("(\\w+\\s*=\\s*)([^'\"\\s,()=*/]+)");

  private HintText() {}

  static String quoteOptionValues(String sql) {
    if (!sql.contains("/*+")) {
      return sql;
    }
    StringBuilder out = new StringBuilder(sql.length() + 8);
    int i = 0;
    while (i < sql.length()) {
      char c = sql.charAt(i);
      int end;
      if (c == '\'' || c == '"') {
        end = after(sql, String.valueOf(c), i + 1);
      } else if (sql.startsWith("--", i)) {
        end = after(sql, "\n", i + 2);
      } else if (sql.startsWith("/*+", i)) {
        end = after(sql, "*/", i + 3);
        out.append(BARE_OPTION.matcher(sql.substring(i, end)).replaceAll("$1'$2'"));
        i = end;
        continue;
      } else if (sql.startsWith("/*", i)) {
        end = after(sql, "*/", i + 2);
      } else {
        end = i + 1;
      }
      out.append(sql, i, end);
      i = end;
    }
    return out.toString();
  }

  /** The position just past the next {@code terminator} from {@code from}, or the end of the text. */
  private static int after(String sql, String terminator, int from) {
    int at = sql.indexOf(terminator, from);
    return at < 0 ? sql.length() : at + terminator.length();
  }
}
