package dev.eider.adapter.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextEmbeddersTest {

  @Test
  void withoutTheEmbeddingModuleEmbedSaysWhatToAdd() throws Exception {
    // A class loader that sees no service registrations: the engine without eider-embedding.
    try (URLClassLoader bare = new URLClassLoader(new URL[0], null)) {
      TextEmbedders embedders = TextEmbedders.fromClassPath(bare);

      assertThatThrownBy(() -> embedders.get(TextEmbedders.DEFAULT_MODEL))
          .isInstanceOf(EmbeddingException.class)
          .hasMessageContaining("eider-embedding");
    }
  }

  @Test
  void anEmptyProviderListAlsoFailsClearly() {
    assertThatThrownBy(() -> new TextEmbedders(List.of()).get("anything"))
        .isInstanceOf(EmbeddingException.class)
        .hasMessageContaining("none is on the class path");
  }

  @Test
  void defaultModelIsTheSystemPropertyOrAllMiniLm() {
    String before = System.getProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY);
    try {
      System.clearProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY);
      assertThat(TextEmbedders.defaultModel()).isEqualTo("all-minilm-l6-v2-q");

      System.setProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY, " bge-small-en-v15-q ");
      assertThat(TextEmbedders.defaultModel()).isEqualTo("bge-small-en-v15-q");
    } finally {
      if (before == null) {
        System.clearProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY);
      } else {
        System.setProperty(TextEmbedders.MODEL_SYSTEM_PROPERTY, before);
      }
    }
  }
}
