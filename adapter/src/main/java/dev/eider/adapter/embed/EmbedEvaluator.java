package dev.eider.adapter.embed;

import dev.eider.adapter.vector.Vectors;
import java.util.List;
import org.apache.calcite.linq4j.function.Deterministic;
import org.apache.calcite.linq4j.function.Strict;

/**
 * The Java implementation of {@code embed(text, model)}, for when Calcite rather than DuckDB
 * evaluates it. {@link Deterministic} lets Calcite's code generator hoist a call with constant
 * arguments out of the row loop, so a constant text is embedded once per statement. NULL in gives
 * NULL out.
 */
@Strict
@Deterministic
public final class EmbedEvaluator {

  private EmbedEvaluator() {}

  /** The embedding of {@code text} by {@code model}, as the engine's vector value. */
  public static List<Float> embed(String text, String model) {
    // Finding the provider is cheap next to the model run: the model itself is loaded once per JVM.
    TextEmbedders embedders = TextEmbedders.fromClassPath(EmbedEvaluator.class.getClassLoader());
    return Vectors.toList(embedders.get(model).embed(text));
  }
}
