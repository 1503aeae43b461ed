package dev.eider.planner;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexExecutor;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.type.SqlTypeName;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Calcite's constant reduction, without compiling Java code for vector literals. Calcite reduces each
 * element cast of {@code ARRAY[0.1, ...]} (a decimal literal to REAL) and the cast of the whole array
 * by generating and compiling a class with Janino, several per statement: about a second for a
 * 384-element literal. Here a numeric literal cast to REAL, FLOAT or DOUBLE becomes an approximate
 * literal directly, and array-valued expressions are kept as written (DuckDB evaluates them when the
 * statement runs, and an index scan reads its query vector from the expression).
 */
final class VectorLiteralExecutor implements RexExecutor {
  private final RexExecutor calcite;

  VectorLiteralExecutor(RexExecutor calcite) {
    this.calcite = calcite;
  }

  @Override
  public void reduce(RexBuilder rexBuilder, List<RexNode> constExps, List<RexNode> reducedValues) {
    List<@Nullable RexNode> direct = new ArrayList<>(constExps.size());
    List<RexNode> forCalcite = new ArrayList<>();
    for (RexNode expression : constExps) {
      RexNode reduced = reduceDirectly(rexBuilder, expression);
      direct.add(reduced);
      if (reduced == null) {
        forCalcite.add(expression);
      }
    }
    List<RexNode> byCalcite = new ArrayList<>(forCalcite.size());
    if (!forCalcite.isEmpty()) {
      calcite.reduce(rexBuilder, forCalcite, byCalcite);
    }
    Iterator<RexNode> next = byCalcite.iterator();
    for (RexNode reduced : direct) {
      reducedValues.add(reduced != null ? reduced : next.next());
    }
  }

  /** The reduced form of {@code expression}, or null to let Calcite reduce it. */
  private static @Nullable RexNode reduceDirectly(RexBuilder rexBuilder, RexNode expression) {
    RelDataType type = expression.getType();
    if (type.getComponentType() != null) {
      return expression;
    }
    if (expression.getKind() != SqlKind.CAST
        || !(((RexCall) expression).getOperands().getFirst() instanceof RexLiteral literal)
        || !SqlTypeName.NUMERIC_TYPES.contains(literal.getTypeName())) {
      return null;
    }
    BigDecimal value = literal.getValueAs(BigDecimal.class);
    if (value == null) {
      return null;
    }
    return switch (type.getSqlTypeName()) {
      case REAL -> rexBuilder.makeApproxLiteral(BigDecimal.valueOf(value.floatValue()), type);
      case FLOAT, DOUBLE -> rexBuilder.makeApproxLiteral(BigDecimal.valueOf(value.doubleValue()), type);
      default -> null;
    };
  }
}
