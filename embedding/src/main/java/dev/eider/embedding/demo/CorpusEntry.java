package dev.eider.embedding.demo;

/**
 * One row of the demo corpus: a FOLDOC entry.
 *
 * @param id position in the dictionary (1-based, alphabetical), the table's primary key
 * @param term the headword
 * @param category the entry's first subject tag ({@code programming}, {@code networking}, ...) or
 *     {@code general}
 * @param updated the year the entry was last updated, or {@code null} when FOLDOC does not say
 * @param definition the first paragraph of the definition
 */
public record CorpusEntry(long id, String term, String category, Integer updated, String definition) {

  /** The text that is embedded: the headword, then its definition. */
  public String text() {
    return term + ": " + definition;
  }
}
