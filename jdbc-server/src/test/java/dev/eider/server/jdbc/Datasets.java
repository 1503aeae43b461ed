package dev.eider.server.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The small texmex vector sets in test resources, and loading them into DuckDB tables. */
public final class Datasets {
  private Datasets() {}

  /** Reads a texmex {@code .fvecs} resource, e.g. {@code sift5k/base.fvecs}. */
  public static List<float[]> fvecs(String resource) throws IOException {
    ByteBuffer bytes = read(resource);
    List<float[]> vectors = new ArrayList<>();
    while (bytes.hasRemaining()) {
      float[] vector = new float[bytes.getInt()];
      for (int i = 0; i < vector.length; i++) {
        vector[i] = bytes.getFloat();
      }
      vectors.add(vector);
    }
    return vectors;
  }

  /** Reads a texmex {@code .ivecs} resource (ground truth: ids of the nearest base rows). */
  public static List<int[]> ivecs(String resource) throws IOException {
    ByteBuffer bytes = read(resource);
    List<int[]> rows = new ArrayList<>();
    while (bytes.hasRemaining()) {
      int[] row = new int[bytes.getInt()];
      for (int i = 0; i < row.length; i++) {
        row[i] = bytes.getInt();
      }
      rows.add(row);
    }
    return rows;
  }

  private static ByteBuffer read(String resource) throws IOException {
    try (InputStream in = Datasets.class.getResourceAsStream("/datasets/" + resource)) {
      if (in == null) {
        throw new IOException("missing test resource datasets/" + resource);
      }
      return ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
    }
  }

  /** Creates table {@code name(id INTEGER PRIMARY KEY, emb FLOAT[d])} in a DuckDB file directly. */
  static void load(Path file, String name, List<float[]> vectors) throws SQLException {
    int dimension = vectors.getFirst().length;
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      try (Statement statement = duck.createStatement()) {
        statement.execute("CREATE TABLE " + name + " (id INTEGER PRIMARY KEY, emb FLOAT["
            + dimension + "])");
      }
      try (PreparedStatement insert = duck.prepareStatement(
          "INSERT INTO " + name + " VALUES (?, CAST(? AS FLOAT[" + dimension + "]))")) {
        for (int i = 0; i < vectors.size(); i++) {
          insert.setInt(1, i);
          insert.setString(2, text(vectors.get(i)));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
  }

  /** DuckDB's text form of a vector. */
  static String text(float[] vector) {
    StringBuilder text = new StringBuilder("[");
    for (int i = 0; i < vector.length; i++) {
      text.append(i == 0 ? "" : ",").append(vector[i]);
    }
    return text.append(']').toString();
  }
}
