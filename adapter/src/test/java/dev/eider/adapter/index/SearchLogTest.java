package dev.eider.adapter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class SearchLogTest {

  private static IndexSearch search(int rows) {
    return new IndexSearch(Instant.now(), "i", "GRAPH", "GRAPH", "GRAPH", 10, 100, null, 50, 3, 47,
        900, rows, 0.5);
  }

  @Test
  void keepsTheLastSearchesOldestFirstAndNumbersThem() {
    SearchLog log = new SearchLog(3);
    for (int i = 1; i <= 5; i++) {
      log.add(search(i));
    }
    assertThat(log.entries()).extracting(SearchLog.Entry::sequence).containsExactly(3L, 4L, 5L);
    assertThat(log.entries()).extracting(e -> e.search().rows()).containsExactly(3L, 4L, 5L);
  }

  @Test
  void aLogKeepsAtLeastOneSearch() {
    assertThatThrownBy(() -> new SearchLog(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }
}
