package dev.eider.planner.exec;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binding Eider's parameter values into DuckDB statements. */
final class Statements {
  private Statements() {}

  /** Sets {@code values} from marker {@code first} on; returns the next free marker. */
  static int bind(PreparedStatement statement, List<Object> values, int first)
      throws SQLException {
    int marker = first;
    for (Object value : values) {
      statement.setObject(marker++, value);
    }
    return marker;
  }
}
