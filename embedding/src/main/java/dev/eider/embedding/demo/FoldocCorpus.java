package dev.eider.embedding.demo;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Reads the demo corpus: the Free On-line Dictionary of Computing (GFDL, see data/corpus), converted
 * once from Debian's dict-foldoc package by {@code data/corpus/convert.py} into gzipped lines of
 * {@code id TAB term TAB category TAB year TAB definition} and bundled in this module's jar.
 */
public final class FoldocCorpus {

  /** Class-path location of the bundled corpus. */
  public static final String RESOURCE = "/dev/eider/embedding/demo/foldoc.tsv.gz";

  private FoldocCorpus() {}

  /** The bundled corpus, in dictionary order. */
  public static List<CorpusEntry> bundled() {
    try (InputStream in = FoldocCorpus.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(
            "the demo corpus " + RESOURCE + " is missing from the eider-embedding jar; rebuild it"
                + " with 'mvn -pl embedding package' from a checkout that has data/corpus/foldoc.tsv.gz");
      }
      return read(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the demo corpus " + RESOURCE, e);
    }
  }

  /** Parses a gzipped corpus; a malformed line is an error naming its line number. */
  public static List<CorpusEntry> read(InputStream gzipped) throws IOException {
    List<CorpusEntry> entries = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(new GZIPInputStream(gzipped), StandardCharsets.UTF_8))) {
      String line;
      while ((line = reader.readLine()) != null) {
        entries.add(parse(line, entries.size() + 1));
      }
    }
    return List.copyOf(entries);
  }

  private static CorpusEntry parse(String line, int lineNumber) {
    String[] fields = line.split("\t", -1);
    if (fields.length != 5) {
      throw new IllegalArgumentException(
          "demo corpus line " + lineNumber + " has " + fields.length
              + " tab-separated fields instead of 5 (id, term, category, year, definition)");
    }
    try {
      int year = Integer.parseInt(fields[3]);
      return new CorpusEntry(
          Long.parseLong(fields[0]), fields[1], fields[2], year == 0 ? null : year, fields[4]);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "demo corpus line " + lineNumber + " has a non-numeric id or year: " + e.getMessage(), e);
    }
  }
}
