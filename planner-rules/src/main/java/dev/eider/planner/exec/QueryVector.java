package dev.eider.planner.exec;

import dev.eider.adapter.vector.Vectors;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.DataContext;

/**
 * The query vector of a k-NN or radius scan: a bind parameter read directly, or any other constant
 * expression (literal, {@code embed(...)}, uncorrelated scalar sub-query) evaluated once by DuckDB.
 *
 * @param parameter bind parameter index, or -1
 * @param constant  DuckDB SQL giving the vector as text, when it is not a bare parameter
 * @param dimension the indexed column's vector length
 */
public record QueryVector(int parameter, BoundSql constant, int dimension) {

  public static QueryVector parameter(int index, int dimension) {
    return new QueryVector(index, null, dimension);
  }

  public static QueryVector constant(BoundSql sql, int dimension) {
    return new QueryVector(-1, sql, dimension);
  }

  /** The vector for this execution. */
  float[] evaluate(DataContext context, Connection duckDb) throws SQLException {
    if (parameter >= 0) {
      Object value = context.get("?" + parameter);
      if (value == null) {
        throw new IllegalArgumentException("the query vector (bind parameter " + (parameter + 1)
            + ") is NULL: bind a FLOAT[" + dimension + "] vector");
      }
      return Vectors.toFloats(value, dimension);
    }
    try (PreparedStatement statement = duckDb.prepareStatement(constant.sql())) {
      Statements.bind(statement, constant.values(i -> context.get("?" + i)), 1);
      try (ResultSet rs = statement.executeQuery()) {
        if (!rs.next() || rs.getString(1) == null) {
          throw new IllegalArgumentException(
              "the query vector is NULL (an empty or NULL sub-query or expression)");
        }
        return Vectors.toFloats(rs.getString(1), dimension);
      }
    }
  }

  @Override
  public String toString() {
    return parameter >= 0 ? "?" + parameter : constant.sql();
  }
}
