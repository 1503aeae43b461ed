package dev.eider.server.avatica;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * A DuckDB table {@code docs(id BIGINT PRIMARY KEY, title VARCHAR, category VARCHAR, pub_year INT,
 * embedding FLOAT[DIMS])} of seeded random rows, written straight through DuckDB's JDBC driver, and kept in
 * memory as the brute-force oracle for k-NN answers.
 */
final class DocsTable {

  static final int DIMS = 8;
  static final List<String> CATEGORIES = List.of("news", "sport", "tech");

  private final float[][] vectors;

  private DocsTable(float[][] vectors) {
    this.vectors = vectors;
  }

  /** Creates {@code rows} rows in a new database file. */
  static DocsTable create(Path file, int rows) throws SQLException {
    Random random = new Random(42);
    float[][] vectors = new float[rows][DIMS];
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + file);
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE docs (id BIGINT PRIMARY KEY, title VARCHAR, category VARCHAR, pub_year INT,"
          + " embedding FLOAT[" + DIMS + "])");
      try (PreparedStatement insert = connection.prepareStatement(
          "INSERT INTO docs VALUES (?, ?, ?, ?, CAST(? AS FLOAT[" + DIMS + "]))")) {
        for (int i = 0; i < rows; i++) {
          for (int d = 0; d < DIMS; d++) {
            vectors[i][d] = random.nextInt(2001) / 1000f - 1f;
          }
          insert.setLong(1, i);
          insert.setString(2, "doc " + i);
          insert.setString(3, category(i));
          insert.setInt(4, year(i));
          insert.setString(5, literal(vectors[i]));
          insert.addBatch();
        }
        insert.executeBatch();
      }
    }
    return new DocsTable(vectors);
  }

  /** Creates the LM_DISKANN index {@code docs_embedding} (L2, keyed by id) through Eider. */
  static void createIndex(Path file) throws SQLException {
    try (Connection eider = DriverManager.getConnection("jdbc:eider:duckdb=" + file);
        Statement statement = eider.createStatement()) {
      statement.execute("CREATE INDEX docs_embedding ON docs USING LM_DISKANN (embedding) "
          + "WITH (metric = 'l2', key_column = 'id')");
    }
  }

  static String category(long id) {
    return CATEGORIES.get((int) (id % CATEGORIES.size()));
  }

  static int year(long id) {
    return 2000 + (int) (id % 25);
  }

  /** The vector of row {@code id}. */
  float[] vector(int id) {
    return vectors[id].clone();
  }

  int rows() {
    return vectors.length;
  }

  /** The ids of the k rows nearest {@code query} in L2 distance among rows of {@code category}. */
  List<Long> nearestL2(float[] query, String category, int k) {
    return IntStream.range(0, vectors.length).filter(i -> category == null || category(i).equals(category))
        .boxed().sorted(Comparator.comparingDouble(i -> l2(vectors[i], query))).limit(k)
        .map(Integer::longValue).toList();
  }

  static double l2(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = a[i] - b[i];
      sum += diff * diff;
    }
    return Math.sqrt(sum);
  }

  /** The {@code '[x, y, ...]'} text form of a vector. */
  static String literal(float[] vector) {
    return IntStream.range(0, vector.length).mapToObj(i -> Float.toString(vector[i]))
        .collect(Collectors.joining(", ", "[", "]"));
  }

  /** A query vector off the data (so no distance ties with a stored row). */
  static float[] query(long seed) {
    Random random = new Random(seed);
    float[] query = new float[DIMS];
    for (int d = 0; d < DIMS; d++) {
      query[d] = random.nextFloat() * 2 - 1;
    }
    return query;
  }
}
