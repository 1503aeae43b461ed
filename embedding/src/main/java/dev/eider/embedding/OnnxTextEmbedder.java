package dev.eider.embedding;

import dev.eider.adapter.embed.EmbeddingException;
import dev.eider.adapter.embed.TextEmbedder;
import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import java.util.List;

/** A {@link TextEmbedder} over one of LangChain4j's in-process ONNX sentence models. */
final class OnnxTextEmbedder implements TextEmbedder {

  private final String model;
  private final EmbeddingModel onnxModel;
  private final int dimensions;

  OnnxTextEmbedder(String model, EmbeddingModel onnxModel) {
    this.model = model;
    this.onnxModel = onnxModel;
    this.dimensions = onnxModel.dimension();
  }

  @Override
  public String model() {
    return model;
  }

  @Override
  public int dimensions() {
    return dimensions;
  }

  @Override
  public float[] embed(String text) {
    return unitVector(onnxModel.embed(requireText(text)).content());
  }

  @Override
  public List<float[]> embedAll(List<String> texts) {
    if (texts.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = texts.stream().map(text -> TextSegment.from(requireText(text))).toList();
    return onnxModel.embedAll(segments).content().stream().map(this::unitVector).toList();
  }

  private static String requireText(String text) {
    if (text == null) {
      throw new EmbeddingException("embed() got a NULL text; embed only non-NULL values");
    }
    return text;
  }

  /** The model's pooling already normalizes; this guarantees it for every model and rounding. */
  private float[] unitVector(Embedding embedding) {
    float[] vector = embedding.vector();
    if (vector.length != dimensions) {
      throw new EmbeddingException(
          "model " + model + " returned " + vector.length + " dimensions instead of " + dimensions);
    }
    double sumOfSquares = 0;
    for (float value : vector) {
      sumOfSquares += (double) value * value;
    }
    if (sumOfSquares > 0) {
      float scale = (float) (1 / Math.sqrt(sumOfSquares));
      for (int i = 0; i < vector.length; i++) {
        vector[i] *= scale;
      }
    }
    return vector;
  }
}
