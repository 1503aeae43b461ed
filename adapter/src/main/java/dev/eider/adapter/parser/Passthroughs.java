package dev.eider.adapter.parser;

/** Helpers for statements passed through to DuckDB. */
final class Passthroughs {
  private Passthroughs() {}

  /** The statement text without surrounding blanks and trailing semicolons. */
  static String statementText(String sql) {
    if (sql == null) {
      throw new IllegalStateException(
          "CREATE/DROP pass-through needs the original SQL text; parse with SqlParser.create(String)");
    }
    String text = sql.strip();
    while (text.endsWith(";")) {
      text = text.substring(0, text.length() - 1).stripTrailing();
    }
    return text;
  }
}
