package dev.eider.adapter.embed;

import dev.eider.adapter.vector.Vectors;
import java.util.List;
import org.apache.calcite.linq4j.function.Strict;
import org.apache.calcite.schema.FunctionContext;

/**
 * The Java implementation of {@code embed(text, model)}, for when Calcite rather than DuckDB
 * evaluates it. Calcite creates one instance per statement (the {@link FunctionContext}
 * constructor), so the models are found once per statement and a constant text is embedded once.
 * NULL in gives NULL out.
 */
@Strict
public final class EmbedEvaluator {

  private final TextEmbedders embedders =
      TextEmbedders.fromClassPath(EmbedEvaluator.class.getClassLoader());
  private final String constantText;
  private final String constantModel;
  private List<Float> constantVector;

  public EmbedEvaluator(FunctionContext context) {
    this.constantText = constantArgument(context, 0);
    this.constantModel = constantArgument(context, 1);
  }

  /** The embedding of {@code text} by {@code model}, as the engine's vector value. */
  public List<Float> embed(String text, String model) {
    if (constantText != null && constantModel != null) {
      if (constantVector == null) {
        constantVector = Vectors.toList(embedders.get(constantModel).embed(constantText));
      }
      return constantVector;
    }
    return Vectors.toList(embedders.get(model).embed(text));
  }

  private static String constantArgument(FunctionContext context, int ordinal) {
    return context.isArgumentConstant(ordinal)
        ? context.getArgumentValueAs(ordinal, String.class)
        : null;
  }
}
