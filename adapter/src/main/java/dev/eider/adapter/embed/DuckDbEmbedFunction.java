package dev.eider.adapter.embed;

import java.sql.Connection;
import java.sql.SQLException;
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
 * embed(txt)}, {@code INSERT ... SELECT embed(...)}, a top-k pushed down whole) embed whole data
 * chunks (up to 2,048 rows) at once on all cores instead of one row at a time, and a constant text
 * once per statement (DuckDB folds constant calls of a non-volatile function).
 *
 * <p>DuckDB's Java UDFs cannot return arrays, so {@value #FUNCTION}{@code (model VARCHAR, text
 * VARCHAR)} returns the vector's text form {@code [x1, x2, ...]} and the SQL casts it, as {@link
 * #sql} writes it. Float text round-trips exactly, and printing costs microseconds against the
 * milliseconds of the model.
 */
public final class DuckDbEmbedFunction {

  /** The DuckDB function name. */
  public static final String FUNCTION = "eider_embed";

  private DuckDbEmbedFunction() {}

  /**
   * Registers {@value #FUNCTION} in the DuckDB database of {@code duckdb}; every connection of that
   * database sees it. Models load on the first call that names them.
   */
  public static void register(Connection duckdb, TextEmbedders embedders) throws SQLException {
    try (DuckDBScalarFunctionBuilder builder = DuckDBFunctions.scalarFunction()) {
      builder
          .withName(FUNCTION)
          .withParameters(DuckDBColumnType.VARCHAR, DuckDBColumnType.VARCHAR)
          .withReturnType(DuckDBColumnType.VARCHAR)
          .withVectorizedFunction((input, output) -> embedChunk(embedders, input, output))
          .register(duckdb);
    }
  }

  /**
   * DuckDB SQL that embeds the SQL expression {@code textSql} with the model named by the SQL
   * expression {@code modelSql}, as a {@code FLOAT[dimensions]}.
   */
  public static String sql(String modelSql, String textSql, int dimensions) {
    return "CAST(" + FUNCTION + "(" + modelSql + ", " + textSql + ") AS FLOAT[" + dimensions + "])";
  }

  private static void embedChunk(
      TextEmbedders embedders, DuckDBDataChunkReader input, DuckDBWritableVector output) {
    DuckDBReadableVector models = input.vector(0);
    DuckDBReadableVector texts = input.vector(1);
    int rows = Math.toIntExact(input.rowCount());
    // One batch per model; a chunk almost always has a single model (a constant).
    List<Integer> positions = new ArrayList<>(rows);
    List<String> batch = new ArrayList<>(rows);
    String batchModel = null;
    for (int row = 0; row < rows; row++) {
      if (models.isNull(row) || texts.isNull(row)) {
        output.setNull(row);
        continue;
      }
      String model = models.getString(row);
      if (batchModel != null && !batchModel.equals(model)) {
        write(embedders.get(batchModel), positions, batch, output);
      }
      batchModel = model;
      positions.add(row);
      batch.add(texts.getString(row));
    }
    if (batchModel != null) {
      write(embedders.get(batchModel), positions, batch, output);
    }
  }

  private static void write(
      TextEmbedder embedder, List<Integer> positions, List<String> batch, DuckDBWritableVector output) {
    List<float[]> vectors = embedder.embedAll(batch);
    for (int i = 0; i < positions.size(); i++) {
      output.setString(positions.get(i), Arrays.toString(vectors.get(i)));
    }
    positions.clear();
    batch.clear();
  }
}
