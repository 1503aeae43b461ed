package dev.eider.adapter.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class TextEmbeddersTest {

  @Test
  void withoutTheEmbeddingModuleEmbedSaysWhatToAdd() {
    // The adapter's own class path has no provider: exactly the engine without eider-embedding.
    TextEmbedders embedders = TextEmbedders.fromClassPath(getClass().getClassLoader());

    assertThatThrownBy(() -> embedders.get(TextEmbedders.DEFAULT_MODEL))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("eider-embedding");
  }

  @Test
  void connectionPropertyWinsOverTheDefault() {
    Properties properties = new Properties();
    properties.setProperty(TextEmbedders.MODEL_PROPERTY, " bge-small-en-v15-q ");

    assertThat(TextEmbedders.modelSetting(properties)).isEqualTo("bge-small-en-v15-q");
    assertThat(TextEmbedders.modelSetting(new Properties()))
        .isEqualTo(System.getProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY, TextEmbedders.DEFAULT_MODEL));
  }

  @Test
  void anEmptyProviderListAlsoFailsClearly() {
    assertThatThrownBy(() -> new TextEmbedders(List.of()).get("anything"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("none is on the class path");
  }
}
