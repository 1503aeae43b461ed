package dev.eider.adapter.sql;

import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlDataTypeSpec;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlNodeList;
import org.apache.calcite.sql.util.SqlBasicVisitor;

/** Rewrites {@code CAST(x AS FLOAT[n])} to {@code TO_VECTOR(x, n)} in place, anywhere in a tree. */
final class VectorCasts extends SqlBasicVisitor<Void> {
  private VectorCasts() {}

  static SqlNode rewrite(SqlNode node) {
    SqlNode replacement = replacement(node);
    if (replacement != null) {
      replacement.accept(new VectorCasts());
      return replacement;
    }
    node.accept(new VectorCasts());
    return node;
  }

  @Override
  public Void visit(SqlCall call) {
    for (int i = 0; i < call.operandCount(); i++) {
      SqlNode operand = call.operand(i);
      SqlNode replacement = replacement(operand);
      if (replacement != null) {
        call.setOperand(i, replacement);
      }
    }
    return super.visit(call);
  }

  @Override
  public Void visit(SqlNodeList list) {
    for (int i = 0; i < list.size(); i++) {
      SqlNode replacement = replacement(list.get(i));
      if (replacement != null) {
        list.set(i, replacement);
      }
    }
    return super.visit(list);
  }

  private static SqlNode replacement(SqlNode node) {
    if (node != null && node.getKind() == SqlKind.CAST
        && ((SqlCall) node).operand(1) instanceof SqlDataTypeSpec type
        && type.getTypeNameSpec() instanceof VectorTypeNameSpec vector) {
      SqlCall cast = (SqlCall) node;
      return VectorOperators.TO_VECTOR.createCall(cast.getParserPosition(), cast.operand(0),
          VectorOperators.dimensionLiteral(vector.dimension()));
    }
    return null;
  }
}
