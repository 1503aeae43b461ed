package dev.eider.adapter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.journal.IndexMeta;
import org.junit.jupiter.api.Test;

class MetaRowTest {

  @Test
  void countersSurviveTheRoundTrip() {
    IndexMeta meta = new IndexMeta(120, 7, 101, new int[] {3, 9, 44}, 2, 977);
    byte[] row = MetaRow.encode(meta);
    IndexMeta back = MetaRow.decode(row, MetaRow.checksum(row));
    assertThat(back).usingRecursiveComparison().isEqualTo(meta);
    assertThat(back.freeList()).containsExactly(3, 9, 44);
  }

  @Test
  void aFlippedByteIsDetected() {
    byte[] row = MetaRow.encode(new IndexMeta(5, 0, 5, new int[0], 0, 12));
    int checksum = MetaRow.checksum(row);
    row[row.length / 2] ^= 0x10;
    assertThatThrownBy(() -> MetaRow.decode(row, checksum))
        .isInstanceOf(CorruptIndexException.class).hasMessageContaining("rebuild");
  }
}
