package dev.eider.embedding;

import dev.eider.adapter.embed.EmbeddingException;
import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedderProvider;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * The in-process ONNX sentence models shipped in LangChain4j's jars (no download at run time):
 * {@code all-minilm-l6-v2-q} (the default) and {@code bge-small-en-v15-q}, both 384 dimensions.
 */
public final class OnnxTextEmbedderProvider implements TextEmbedderProvider {

  private static final Map<String, Function<Executor, EmbeddingModel>> MODELS =
      Map.of(
          "all-minilm-l6-v2-q", AllMiniLmL6V2QuantizedEmbeddingModel::new,
          "bge-small-en-v15-q", BgeSmallEnV15QuantizedEmbeddingModel::new);

  @Override
  public Set<String> models() {
    return MODELS.keySet();
  }

  @Override
  public TextEmbedder load(String model) {
    Function<Executor, EmbeddingModel> constructor = MODELS.get(model);
    if (constructor == null) {
      throw new EmbeddingException("unknown embedding model '" + model + "'; known: " + MODELS.keySet());
    }
    // LangChain4j reads the model from the context class loader (DuckDB's threads may have another)
    // and keeps its ONNX session in a static field, so a second load only wraps it.
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    thread.setContextClassLoader(OnnxTextEmbedderProvider.class.getClassLoader());
    try {
      // embedAll runs one task per text; virtual threads keep as many running as there are cores.
      return new OnnxTextEmbedder(model, constructor.apply(Executors.newVirtualThreadPerTaskExecutor()));
    } catch (RuntimeException | LinkageError e) {
      throw new EmbeddingException(
          "could not load the embedding model '" + model + "' (ONNX Runtime and the model jar must"
              + " be on the class path and the native library loadable): " + e,
          e);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }
}
