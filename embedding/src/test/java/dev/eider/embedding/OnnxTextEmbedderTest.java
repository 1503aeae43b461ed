package dev.eider.embedding;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.eider.adapter.embed.EmbeddingException;
import dev.eider.adapter.embed.TextEmbedder;
import dev.eider.adapter.embed.TextEmbedders;
import java.util.List;
import org.junit.jupiter.api.Test;

class OnnxTextEmbedderTest {

  private static final String WEATHER = "The weather is lovely today.";
  private static final String SUNNY = "It's so sunny outside!";
  private static final String STADIUM = "He drove to the stadium.";

  private final TextEmbedders embedders = TextEmbedders.fromClassPath(getClass().getClassLoader());

  @Test
  void defaultModelIsFoundThroughTheServiceLoaderAndReturnsUnitVectorsOf384() {
    TextEmbedder embedder = embedders.get(TextEmbedders.DEFAULT_MODEL);

    float[] vector = embedder.embed(WEATHER);

    assertThat(embedder.dimensions()).isEqualTo(384);
    assertThat(vector).hasSize(384);
    assertThat(norm(vector)).isCloseTo(1.0, within(1e-5));
    assertThat(embedders.get(TextEmbedders.DEFAULT_MODEL)).isSameAs(embedder);
  }

  @Test
  void embeddingIsDeterministic() {
    TextEmbedder embedder = embedders.get(TextEmbedders.DEFAULT_MODEL);

    assertThat(embedder.embed(STADIUM)).containsExactly(embedder.embed(STADIUM));
  }

  @Test
  void similaritiesMatchTheModelCardForTheQuantizedMiniLm() {
    TextEmbedder embedder = embedders.get("all-minilm-l6-v2-q");
    float[] weather = embedder.embed(WEATHER);
    float[] sunny = embedder.embed(SUNNY);
    float[] stadium = embedder.embed(STADIUM);

    // Model card of sentence-transformers/all-MiniLM-L6-v2 (full precision); quantization moves them a little.
    assertThat(dot(weather, sunny)).isCloseTo(0.6660, within(0.03));
    assertThat(dot(weather, stadium)).isCloseTo(0.1046, within(0.03));
    assertThat(dot(sunny, stadium)).isCloseTo(0.1411, within(0.03));
  }

  @Test
  void batchedEmbeddingEqualsOneAtATimeInTheSameOrder() {
    TextEmbedder embedder = embedders.get(TextEmbedders.DEFAULT_MODEL);
    List<String> texts = List.of(WEATHER, SUNNY, STADIUM, "quicksort", "a packet-switched network");

    List<float[]> batch = embedder.embedAll(texts);

    assertThat(batch).hasSize(texts.size());
    for (int i = 0; i < texts.size(); i++) {
      assertThat(batch.get(i)).containsExactly(embedder.embed(texts.get(i)));
    }
    assertThat(embedder.embedAll(List.of())).isEmpty();
  }

  @Test
  void bgeSmallIsTheOtherModelAndRanksTheSentencesTheSameWay() {
    TextEmbedder bge = embedders.get("bge-small-en-v15-q");
    float[] weather = bge.embed(WEATHER);

    assertThat(bge.model()).isEqualTo("bge-small-en-v15-q");
    assertThat(weather).hasSize(384);
    assertThat(norm(weather)).isCloseTo(1.0, within(1e-5));
    assertThat(dot(weather, bge.embed(SUNNY))).isGreaterThan(dot(weather, bge.embed(STADIUM)));
  }

  @Test
  void unknownModelNamesTheSettingAndTheKnownModels() {
    assertThatThrownBy(() -> embedders.get("gpt-17"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("unknown embedding model 'gpt-17'")
        .hasMessageContaining(TextEmbedders.MODEL_SYSTEM_PROPERTY)
        .hasMessageContaining("all-minilm-l6-v2-q")
        .hasMessageContaining("bge-small-en-v15-q");
  }

  @Test
  void nullTextIsAClearError() {
    TextEmbedder embedder = embedders.get(TextEmbedders.DEFAULT_MODEL);

    assertThatThrownBy(() -> embedder.embed(null))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("NULL");
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static double norm(float[] vector) {
    return Math.sqrt(dot(vector, vector));
  }
}
