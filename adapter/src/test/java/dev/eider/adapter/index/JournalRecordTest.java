package dev.eider.adapter.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JournalRecordTest {
  private static final IndexMeta META = new IndexMeta(120, 7, 101, new int[] {3, 9, 44}, 2, 977);

  private static JournalRecord sample() {
    Random random = new Random(5);
    byte[] whole = new byte[4096];
    byte[] patch = new byte[37];
    random.nextBytes(whole);
    random.nextBytes(patch);
    return new JournalRecord(META, List.of(
        new JournalBlock(11, whole, 4, 976, false, 0x1234abcd),
        new JournalBlock(3, patch, 9, 977, true, -5),
        new JournalBlock(0, new byte[0], 1, 975, false, 0)));
  }

  @Test
  void countersAndEntriesSurviveTheRoundTrip() {
    JournalRecord record = sample();
    JournalRecord back = JournalRecord.decode(record.encode(), META.epoch());
    assertThat(back.meta()).usingRecursiveComparison().isEqualTo(META);
    assertThat(back.meta().freeList()).containsExactly(3, 9, 44);
    assertThat(back.entries()).hasSameSizeAs(record.entries());
    for (int i = 0; i < record.entries().size(); i++) {
      JournalBlock want = record.entries().get(i);
      JournalBlock got = back.entries().get(i);
      assertThat(got.nodeId()).isEqualTo(want.nodeId());
      assertThat(got.version()).isEqualTo(want.version());
      assertThat(got.epoch()).isEqualTo(want.epoch());
      assertThat(got.tombstone()).isEqualTo(want.tombstone());
      assertThat(got.checksum()).isEqualTo(want.checksum());
      assertThat(got.bytes()).isEqualTo(want.bytes());
    }
  }

  @Test
  void aRecordWithoutEntriesKeepsItsCounters() {
    byte[] bytes = new JournalRecord(META, List.of()).encode();
    assertThat(JournalRecord.decode(bytes, META.epoch()).entries()).isEmpty();
  }

  @Test
  void everyFlippedByteIsDetected() {
    byte[] bytes = sample().encode();
    for (int at = 0; at < bytes.length; at += 97) {
      byte[] damaged = bytes.clone();
      damaged[at] ^= 0x10;
      assertThatThrownBy(() -> JournalRecord.decode(damaged, META.epoch()))
          .as("byte %d", at).isInstanceOf(CorruptIndexException.class)
          .hasMessageContaining("rebuild the index");
    }
  }

  @Test
  void aTruncatedRecordIsDetected() {
    byte[] bytes = sample().encode();
    for (int length : new int[] {0, 3, 9, bytes.length / 2, bytes.length - 1}) {
      byte[] cut = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> JournalRecord.decode(cut, META.epoch()))
          .as("length %d", length).isInstanceOf(CorruptIndexException.class);
    }
  }

  @Test
  void aRecordInTheRowOfAnotherEpochIsRejected() {
    byte[] bytes = sample().encode();
    assertThatThrownBy(() -> JournalRecord.decode(bytes, META.epoch() + 1))
        .isInstanceOf(CorruptIndexException.class).hasMessageContaining("epoch 977");
  }
}
