package dev.eider.server.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What {@code serve} opens: the engine URL, and the DuckDB files behind it (to lock while serving).
 *
 * @param engineUrl the embedded engine's JDBC URL
 * @param files the DuckDB database files the URL opens, where known
 */
record ServedDatabase(String engineUrl, List<Path> files) {

  /** One DuckDB file, no model. */
  static ServedDatabase duckdb(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    return new ServedDatabase("jdbc:eider:duckdb=" + absolute, List.of(absolute));
  }

  /** A model file; its DuckDB schemas' {@code path} operands, relative to the model's folder, are locked. */
  static ServedDatabase model(Path model) throws IOException {
    Path absolute = model.toAbsolutePath().normalize();
    if (!Files.isRegularFile(absolute)) {
      throw new IOException("model file " + absolute + " does not exist");
    }
    JsonNode root;
    try {
      root = new ObjectMapper().readTree(absolute.toFile());
    } catch (IOException e) {
      throw new IOException("model file " + absolute + " is not valid JSON: " + e.getMessage(), e);
    }
    List<Path> files = new ArrayList<>();
    for (JsonNode schema : root.path("schemas")) {
      JsonNode path = schema.path("operand").path("path");
      if (path.isTextual() && !path.asText().isBlank()) {
        files.add(absolute.getParent().resolve(path.asText()).normalize());
      }
    }
    return new ServedDatabase("jdbc:eider:model=" + absolute, files);
  }

  /** Any JDBC URL; nothing is locked. */
  static ServedDatabase url(String engineUrl) {
    return new ServedDatabase(engineUrl, List.of());
  }
}
