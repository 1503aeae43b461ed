package dev.eider.planner.exec;

import org.apache.calcite.DataContext;

/**
 * A scalar the scan needs at run time: a literal fixed at plan time, or a statement bind parameter.
 *
 * @param literal   the value when it is a literal
 * @param parameter the bind parameter's index, or -1 for a literal
 */
public record Argument(Number literal, int parameter) {

  public static Argument literal(Number value) {
    return new Argument(value, -1);
  }

  public static Argument parameter(int index) {
    return new Argument(null, index);
  }

  /** The value for this execution; {@code what} names it in the error for a missing or bad value. */
  public Number value(DataContext context, String what) {
    if (parameter < 0) {
      return literal;
    }
    Object value = context.get("?" + parameter);
    if (value instanceof Number number) {
      return number;
    }
    if (value instanceof String text) {
      try {
        return Double.parseDouble(text.trim());
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException(what + " (bind parameter " + (parameter + 1)
            + ") must be a number, got '" + text + "'", e);
      }
    }
    throw new IllegalArgumentException(what + " (bind parameter " + (parameter + 1)
        + ") must be a number, got " + (value == null ? "NULL" : value.getClass().getSimpleName()));
  }

  @Override
  public String toString() {
    return parameter >= 0 ? "?" + parameter
        : literal instanceof java.math.BigDecimal decimal ? decimal.stripTrailingZeros().toPlainString()
        : String.valueOf(literal);
  }
}
