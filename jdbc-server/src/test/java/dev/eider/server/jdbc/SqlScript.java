package dev.eider.server.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An end-to-end SQL script (the files under {@code src/test/sql}). Blocks are separated by blank
 * lines; lines starting with {@code #} are comments:
 *
 * <pre>
 * statement ok
 * CREATE TABLE t (id INTEGER, emb FLOAT[3])
 *
 * statement error vector dimensions differ
 * SELECT emb &lt;-&gt; ARRAY[1, 2] FROM t
 *
 * query
 * SELECT id, emb &lt;-&gt; '[0,0,1]' FROM t ORDER BY 2
 * ----
 * 1 | 0.0
 * 2 | 1.4142135
 * </pre>
 *
 * <p>A {@code query} lists its expected rows after {@code ----}, columns separated by {@code |};
 * numbers match within 1e-5, {@code NULL} is SQL NULL, arrays print as {@code [1.0, 2.0]}.
 */
record SqlScript(Path file, List<Step> steps) {

  /** One block: what to run, and what should happen. */
  record Step(Kind kind, String sql, String errorText, List<String> expectedRows, int line) {}

  enum Kind { STATEMENT_OK, STATEMENT_ERROR, QUERY }

  static SqlScript parse(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    List<Step> steps = new ArrayList<>();
    int i = 0;
    while (i < lines.size()) {
      String header = lines.get(i).strip();
      if (header.isEmpty() || header.startsWith("#")) {
        i++;
        continue;
      }
      int headerLine = i + 1;
      List<String> block = new ArrayList<>();
      for (i++; i < lines.size() && !lines.get(i).isBlank(); i++) {
        if (!lines.get(i).strip().startsWith("#")) {
          block.add(lines.get(i));
        }
      }
      steps.add(step(file, header, block, headerLine));
    }
    return new SqlScript(file, steps);
  }

  private static Step step(Path file, String header, List<String> block, int line) {
    if (header.equals("statement ok")) {
      return new Step(Kind.STATEMENT_OK, String.join("\n", block), null, List.of(), line);
    }
    if (header.startsWith("statement error")) {
      String text = header.substring("statement error".length()).strip();
      return new Step(Kind.STATEMENT_ERROR, String.join("\n", block), text, List.of(), line);
    }
    if (header.equals("query")) {
      int separator = block.indexOf("----");
      if (separator < 0) {
        throw new IllegalArgumentException(file + ":" + line + ": a query needs a ---- line");
      }
      return new Step(Kind.QUERY, String.join("\n", block.subList(0, separator)), null,
          List.copyOf(block.subList(separator + 1, block.size())), line);
    }
    throw new IllegalArgumentException(file + ":" + line + ": expected 'statement ok', "
        + "'statement error <text>' or 'query', found '" + header + "'");
  }
}
