package dev.eider.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The default model, {@code model.json} in the Eider home (the repository root): the DuckDB
 * database file that {@code serve} and {@code demo} open, relative to that home.
 */
public record ModelFile(Path home, Path file) {

  /** System property the launcher sets to the repository root. */
  public static final String HOME_PROPERTY = "eider.home";

  /** {@code model.json} in {@code -Deider.home}, else in the working directory. */
  public static ModelFile inHome() {
    Path home = Path.of(System.getProperty(HOME_PROPERTY, ".")).toAbsolutePath().normalize();
    return new ModelFile(home, home.resolve("model.json"));
  }

  /**
   * The database file of the first schema whose operand has a {@code path}, resolved against the
   * home when relative.
   */
  public Path databaseFile() throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new IOException("model file " + file + " does not exist; pass --db or run from the Eider home");
    }
    JsonNode model = new ObjectMapper().readTree(file.toFile());
    for (JsonNode schema : model.path("schemas")) {
      JsonNode path = schema.path("operand").path("path");
      if (path.isTextual() && !path.asText().isBlank()) {
        return home.resolve(path.asText()).normalize();
      }
    }
    throw new IOException(
        "model file " + file + " names no database: no schema has an operand \"path\"");
  }
}
