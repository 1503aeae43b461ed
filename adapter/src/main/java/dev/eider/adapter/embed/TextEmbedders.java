package dev.eider.adapter.embed;

import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The text-embedding models available on the class path, each loaded on first use and kept.
 *
 * <p>{@code embed(text)} uses the model named by the system property {@value
 * #MODEL_SYSTEM_PROPERTY}, else {@value #DEFAULT_MODEL}; {@code embed(text, model)} names one.
 */
public final class TextEmbedders {

  /** The model used when no setting names one: all-MiniLM-L6-v2, quantized, 384 dimensions. */
  public static final String DEFAULT_MODEL = "all-minilm-l6-v2-q";

  /** System property that selects the model of {@code embed(text)}. */
  public static final String MODEL_SYSTEM_PROPERTY = "eider.embedding.model";

  private final List<TextEmbedderProvider> providers;
  private final Map<String, TextEmbedder> loaded = new ConcurrentHashMap<>();

  public TextEmbedders(List<TextEmbedderProvider> providers) {
    this.providers = List.copyOf(providers);
  }

  /** The providers registered with {@link ServiceLoader} in the given class loader. */
  public static TextEmbedders fromClassPath(ClassLoader classLoader) {
    return new TextEmbedders(
        ServiceLoader.load(TextEmbedderProvider.class, classLoader).stream()
            .map(ServiceLoader.Provider::get)
            .toList());
  }

  /** The model of {@code embed(text)}: the system property {@value #MODEL_SYSTEM_PROPERTY} or the default. */
  public static String defaultModel() {
    String model = System.getProperty(MODEL_SYSTEM_PROPERTY, "").strip();
    return model.isEmpty() ? DEFAULT_MODEL : model;
  }

  /**
   * The named model, loaded on the first call.
   *
   * @throws EmbeddingException if no provider is on the class path, none knows the model, or it
   *     fails to load
   */
  public TextEmbedder get(String model) {
    return loaded.computeIfAbsent(model, this::load);
  }

  private TextEmbedder load(String model) {
    if (providers.isEmpty()) {
      throw new EmbeddingException(
          "embed() needs a text-embedding model, and none is on the class path: add the"
              + " eider-embedding module (the jdbc-server includes it by default)");
    }
    for (TextEmbedderProvider provider : providers) {
      if (provider.models().contains(model)) {
        return provider.load(model);
      }
    }
    TreeSet<String> known = new TreeSet<>();
    providers.forEach(provider -> known.addAll(provider.models()));
    throw new EmbeddingException(
        "unknown embedding model '" + model + "'; name one of " + known + " in embed(text, model)"
            + " or in the system property " + MODEL_SYSTEM_PROPERTY);
  }
}
