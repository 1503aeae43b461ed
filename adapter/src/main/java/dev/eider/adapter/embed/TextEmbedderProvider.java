package dev.eider.adapter.embed;

import java.util.Set;

/**
 * Service-provider interface for text-embedding models, found with {@link java.util.ServiceLoader}
 * (a {@code META-INF/services/dev.eider.adapter.embed.TextEmbedderProvider} entry). The
 * {@code eider-embedding} module provides the in-process ONNX models.
 */
public interface TextEmbedderProvider {

  /** The model names this provider can load. */
  Set<String> models();

  /**
   * Loads a model; this may take a second and a few tens of MB, so callers keep the result.
   *
   * @throws EmbeddingException if the model is not one of {@link #models()} or cannot be loaded
   */
  TextEmbedder load(String model);
}
