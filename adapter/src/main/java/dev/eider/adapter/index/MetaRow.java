package dev.eider.adapter.index;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.journal.IndexMeta;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * The counters after a DML statement, as one more row of the blocks table (node id {@value #NODE}):
 * appended with the statement's journal rows instead of an UPDATE of {@code <index>_meta}, which cost
 * as much as all the other journal writes of an insert together. The newest such row wins over the
 * meta table until a merge folds it in.
 */
final class MetaRow {
  /** The node id of counter rows in the blocks table. */
  static final int NODE = -1;

  private MetaRow() {}

  static byte[] encode(IndexMeta meta) {
    int[] free = meta.freeList();
    ByteBuffer out = ByteBuffer.allocate(4 * Integer.BYTES + 2 * Long.BYTES + free.length * Integer.BYTES);
    out.putInt(meta.nextNodeId()).putInt(meta.entryPoint()).putInt(meta.liveCount())
        .putLong(meta.mergeSequence()).putLong(meta.epoch()).putInt(free.length);
    for (int slot : free) {
      out.putInt(slot);
    }
    return out.array();
  }

  static int checksum(byte[] bytes) {
    CRC32C crc = new CRC32C();
    crc.update(bytes);
    return (int) crc.getValue();
  }

  /** The counters of a row; a damaged row throws {@link CorruptIndexException}. */
  static IndexMeta decode(byte[] bytes, int checksum) {
    try {
      if (checksum(bytes) != checksum) {
        throw new BufferUnderflowException();
      }
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int nextNodeId = in.getInt();
      int entryPoint = in.getInt();
      int liveCount = in.getInt();
      long mergeSequence = in.getLong();
      long epoch = in.getLong();
      int[] free = new int[in.getInt()];
      for (int i = 0; i < free.length; i++) {
        free[i] = in.getInt();
      }
      return new IndexMeta(nextNodeId, entryPoint, liveCount, free, mergeSequence, epoch);
    } catch (BufferUnderflowException | NegativeArraySizeException e) {
      throw new CorruptIndexException("a counters row of the journal fails its checksum: the journal"
          + " is damaged; rebuild the index");
    }
  }
}
