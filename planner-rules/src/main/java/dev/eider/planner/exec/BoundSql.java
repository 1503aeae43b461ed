package dev.eider.planner.exec;

import java.util.ArrayList;
import java.util.List;

/**
 * DuckDB SQL text and the statement's bind parameters it needs, by their index in the Eider statement.
 *
 * @param sql        the text, with {@code ?} markers
 * @param parameters the Eider parameter index of each marker, in order
 */
public record BoundSql(String sql, List<Integer> parameters) {

  public BoundSql {
    parameters = List.copyOf(parameters);
  }

  /** This text inside {@code prefix ... suffix}, with extra markers' values added by the caller. */
  public BoundSql wrap(String prefix, String suffix) {
    return new BoundSql(prefix + sql + suffix, parameters);
  }

  /** The values of the markers, in order, read from the statement's parameters. */
  public List<Object> values(java.util.function.IntFunction<Object> parameterValue) {
    List<Object> values = new ArrayList<>(parameters.size());
    for (int index : parameters) {
      values.add(parameterValue.apply(index));
    }
    return values;
  }
}
