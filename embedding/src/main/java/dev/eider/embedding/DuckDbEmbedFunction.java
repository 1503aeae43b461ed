package dev.eider.embedding;

import dev.eider.adapter.embed.TextEmbedder;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.duckdb.DuckDBColumnType;
import org.duckdb.DuckDBDataChunkReader;
import org.duckdb.DuckDBFunctions;
import org.duckdb.DuckDBReadableVector;
import org.duckdb.DuckDBScalarFunctionBuilder;
import org.duckdb.DuckDBWritableVector;

/**
 * Text embedding inside DuckDB, so that statements DuckDB runs itself ({@code UPDATE t SET emb =
 * embed(txt)}, {@code INSERT ... SELECT embed(...)}) embed whole data chunks (up to 2,048 rows) at
 * once on all cores instead of one row at a time.
 *
 * <p>DuckDB's Java UDFs cannot return arrays, so the function {@value #FUNCTION}{@code (VARCHAR)}
 * returns the vector's text form {@code [x1, x2, ...]} and SQL casts it: {@link #sql(String, int)}
 * writes the call, and {@link #createMacro} defines {@code embed(text)} as that cast for one
 * connection. Float text round-trips exactly, and printing costs microseconds against the
 * milliseconds of the model.
 */
public final class DuckDbEmbedFunction {

  /** The DuckDB function name: {@code eider_embed(VARCHAR) -> VARCHAR}. */
  public static final String FUNCTION = "eider_embed";

  private DuckDbEmbedFunction() {}

  /**
   * Registers {@value #FUNCTION} in the DuckDB database of {@code duckdb}; every connection of that
   * database sees it. Register once per database.
   */
  public static void register(Connection duckdb, TextEmbedder embedder) throws SQLException {
    try (DuckDBScalarFunctionBuilder builder = DuckDBFunctions.scalarFunction()) {
      builder
          .withName(FUNCTION)
          .withParameter(DuckDBColumnType.VARCHAR)
          .withReturnType(DuckDBColumnType.VARCHAR)
          .withVectorizedFunction((input, output) -> embedChunk(embedder, input, output))
          .register(duckdb);
    }
  }

  /** Defines {@code embed(text)} returning {@code FLOAT[dimensions]} on this connection only. */
  public static void createMacro(Connection duckdb, int dimensions) throws SQLException {
    try (Statement statement = duckdb.createStatement()) {
      statement.execute("CREATE OR REPLACE TEMP MACRO embed(text) AS " + sql("text", dimensions));
    }
  }

  /** DuckDB SQL that embeds the SQL expression {@code textSql} as a {@code FLOAT[dimensions]}. */
  public static String sql(String textSql, int dimensions) {
    return "CAST(" + FUNCTION + "(" + textSql + ") AS FLOAT[" + dimensions + "])";
  }

  private static void embedChunk(
      TextEmbedder embedder, DuckDBDataChunkReader input, DuckDBWritableVector output) {
    DuckDBReadableVector texts = input.vector(0);
    int rows = Math.toIntExact(input.rowCount());
    List<Integer> positions = new ArrayList<>(rows);
    List<String> batch = new ArrayList<>(rows);
    for (int row = 0; row < rows; row++) {
      if (texts.isNull(row)) {
        output.setNull(row);
      } else {
        positions.add(row);
        batch.add(texts.getString(row));
      }
    }
    List<float[]> vectors = embedder.embedAll(batch);
    for (int i = 0; i < positions.size(); i++) {
      output.setString(positions.get(i), Arrays.toString(vectors.get(i)));
    }
  }
}
