package dev.eider.embedding.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Text probes against a demo database of the first 1,800 entries (up to "ciphertext"), ranked by
 * DuckDB's exact cosine distance. The expected terms were checked by reading their definitions in
 * data/corpus/foldoc.tsv.gz.
 */
class DemoNeighboursTest {

  private static final int ROWS = 1_800;

  @TempDir static Path dir;

  private static TextEmbedder embedder;
  private static Path dbFile;

  @BeforeAll
  static void buildSlice() throws Exception {
    embedder = TextEmbedders.fromClassPath(DemoNeighboursTest.class.getClassLoader())
        .get(TextEmbedders.DEFAULT_MODEL);
    dbFile = dir.resolve("demo.duckdb");
    new DemoDatabase(embedder, FoldocCorpus.bundled().subList(0, ROWS)).createIfMissing(dbFile, BuildProgress.silent());
  }

  @Test
  void virusFindsTheVirusEntries() throws SQLException {
    // antivirus software: "Programs to detect and remove computer viruses."; boot virus: "An MS-DOS virus ..."
    assertThat(nearest("computer virus", null, 3)).contains("antivirus software", "boot virus");
  }

  @Test
  void bugHuntingFindsTheBugTracker() throws SQLException {
    // Bugzilla: "The web-based bug tracking system used by the Mozilla project."
    assertThat(nearest("a program that finds bugs", null, 3)).contains("Bugzilla");
  }

  @Test
  void cacheMemoryFindsCacheTerms() throws SQLException {
    // cache hit: "A request to read from memory which can satisfied from the cache ..."; cache line:
    // "The smallest unit of memory than can be transferred between the main memory and the cache."
    assertThat(nearest("cache memory", null, 5)).contains("cache hit", "cache line");
  }

  @Test
  void filteredProbeKeepsTheCategoryAndStillFindsTheBestMatch() throws SQLException {
    // ciphertext (cryptography): "Text which has been encrypted by some encryption system."
    List<String> cryptography = nearest("encrypting data", "cryptography", 5);

    assertThat(cryptography).first().isEqualTo("ciphertext");
    assertThat(cryptography).doesNotContain("AES"); // AES is filed under programming
    assertThat(nearest("encrypting data", null, 5)).contains("ciphertext", "AES");
  }

  private static List<String> nearest(String probe, String category, int k) throws SQLException {
    String sql =
        "SELECT term FROM foldoc WHERE ? IS NULL OR category = ?"
            + " ORDER BY array_cosine_distance(embedding, CAST(? AS FLOAT[384])) LIMIT ?";
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + dbFile);
        PreparedStatement query = connection.prepareStatement(sql)) {
      query.setString(1, category);
      query.setString(2, category);
      query.setString(3, Arrays.toString(embedder.embed(probe)));
      query.setInt(4, k);
      List<String> terms = new ArrayList<>();
      try (ResultSet rows = query.executeQuery()) {
        while (rows.next()) {
          terms.add(rows.getString(1));
        }
      }
      return terms;
    }
  }
}
