package dev.eider.adapter.embed;

import dev.eider.adapter.type.DuckDbTypes;
import java.util.Arrays;
import java.util.List;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.impl.ScalarFunctionImpl;
import org.apache.calcite.sql.SqlCall;
import org.apache.calcite.sql.SqlCallBinding;
import org.apache.calcite.sql.SqlOperandCountRange;
import org.apache.calcite.sql.SqlFunctionCategory;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql.SqlLiteral;
import org.apache.calcite.sql.SqlNode;
import org.apache.calcite.sql.SqlOperatorBinding;
import org.apache.calcite.sql.SqlSyntax;
import org.apache.calcite.sql.SqlWriter;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.sql.type.OperandTypes;
import org.apache.calcite.sql.type.SqlOperandCountRanges;
import org.apache.calcite.sql.type.SqlOperandTypeChecker;
import org.apache.calcite.sql.type.SqlTypeFamily;
import org.apache.calcite.sql.validate.SqlUserDefinedFunction;
import org.apache.calcite.sql.validate.SqlValidator;

/**
 * {@code embed(text [, model])}: the {@code FLOAT[384]} sentence embedding of a text.
 *
 * <p>The validator rewrites {@code embed(text)} to {@code embed(text, '<model>')} with the model of
 * the {@value TextEmbedders#MODEL_SYSTEM_PROPERTY} setting when the statement is prepared, so the
 * rest of the engine sees one form. Like the vector functions, it is a {@link
 * SqlUserDefinedFunction} only for its Java implementation ({@link EmbedEvaluator}, used when Calcite
 * evaluates it); its category is not user-defined, so the JDBC rules push it into DuckDB, where
 * {@link #unparse} writes the {@link DuckDbEmbedFunction} call: DuckDB then embeds whole chunks of
 * rows at once, and a constant text once per statement.
 */
public final class EmbedFunction extends SqlUserDefinedFunction {

  /** Dimensions of every bundled model's vectors, so of {@code embed()}'s result type. */
  public static final int DIMENSIONS = 384;

  public static final EmbedFunction INSTANCE = new EmbedFunction();

  /** A text, optionally followed by a model name. */
  private static final SqlOperandTypeChecker OPERANDS =
      OperandTypes.or(
          OperandTypes.family(SqlTypeFamily.CHARACTER),
          OperandTypes.family(SqlTypeFamily.CHARACTER, SqlTypeFamily.CHARACTER));

  private EmbedFunction() {
    super(
        new SqlIdentifier("EMBED", SqlParserPos.ZERO),
        SqlKind.OTHER_FUNCTION,
        EmbedFunction::returnType,
        null,
        null,
        ScalarFunctionImpl.create(evaluatorMethod()),
        SqlFunctionCategory.STRING,
        SqlSyntax.FUNCTION);
  }

  private static java.lang.reflect.Method evaluatorMethod() {
    return Arrays.stream(EmbedEvaluator.class.getMethods())
        .filter(method -> method.getName().equals("embed"))
        .findFirst()
        .orElseThrow(() -> new IllegalStateException("EmbedEvaluator.embed is missing"));
  }

  private static RelDataType returnType(SqlOperatorBinding binding) {
    RelDataTypeFactory typeFactory = binding.getTypeFactory();
    boolean nullable = false;
    for (int i = 0; i < binding.getOperandCount(); i++) {
      nullable |= binding.getOperandType(i).isNullable();
    }
    return typeFactory.createTypeWithNullability(
        DuckDbTypes.vectorType(typeFactory, DIMENSIONS), nullable);
  }

  @Override
  public boolean checkOperandTypes(SqlCallBinding binding, boolean throwOnFailure) {
    return OPERANDS.checkOperandTypes(binding, throwOnFailure);
  }

  @Override
  public SqlOperandCountRange getOperandCountRange() {
    return SqlOperandCountRanges.between(1, 2);
  }

  @Override
  public String getAllowedSignatures(String opNameToUse) {
    return "EMBED(<TEXT>) or EMBED(<TEXT>, <MODEL>)";
  }

  @Override
  public SqlNode rewriteCall(SqlValidator validator, SqlCall call) {
    if (call.operandCount() == 1) {
      SqlLiteral model = SqlLiteral.createCharString(TextEmbedders.defaultModel(), call.getParserPosition());
      return createCall(call.getFunctionQuantifier(), call.getParserPosition(), call.operand(0), model);
    }
    return call;
  }

  @Override
  public boolean isDeterministic() {
    return true;
  }

  /** Writes {@code embed(text, model)} as DuckDB SQL. */
  public static void unparse(SqlWriter writer, SqlCall call) {
    List<SqlNode> operands = call.getOperandList();
    SqlWriter.Frame cast = writer.startFunCall("CAST");
    SqlWriter.Frame embed = writer.startFunCall(DuckDbEmbedFunction.FUNCTION);
    for (SqlNode operand : List.of(operands.get(1), operands.get(0))) { // DuckDB's order: model, text
      writer.sep(",");
      operand.unparse(writer, 0, 0);
    }
    writer.endFunCall(embed);
    writer.sep("AS");
    writer.keyword("FLOAT[" + DIMENSIONS + "]");
    writer.endFunCall(cast);
  }
}
