package dev.eider.adapter.embed;

import java.util.List;

/**
 * A sentence-embedding model: turns text into a unit-norm vector of {@link #dimensions()} floats.
 *
 * <p>Implementations are thread-safe. They come from a {@link TextEmbedderProvider} found on the
 * class path, so the engine does not carry a model runtime unless the server includes one.
 */
public interface TextEmbedder {

  /** The model's name, as accepted by {@link TextEmbedderProvider#load(String)}. */
  String model();

  /** Length of every vector this model returns. */
  int dimensions();

  /** Embeds one text; the result has {@link #dimensions()} elements and unit L2 norm. */
  float[] embed(String text);

  /**
   * Embeds many texts at once, using all cores; element {@code i} of the result embeds element
   * {@code i} of {@code texts}. Prefer this over repeated {@link #embed(String)} for many rows.
   */
  List<float[]> embedAll(List<String> texts);
}
