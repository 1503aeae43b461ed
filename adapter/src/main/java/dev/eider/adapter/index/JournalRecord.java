package dev.eider.adapter.index;

import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.journal.IndexMeta;
import dev.eider.lmdiskann.journal.JournalBlock;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * One row of {@code <index>_journal}: the journal rows (whole blocks or {@code BlockPatch}es) of one
 * DML statement and the counters after it, packed into a single checksummed BLOB. DuckDB charges per
 * row and per statement, not per byte, so a statement's index changes cost one prepared INSERT instead
 * of a row per changed block.
 *
 * <p>Format: magic {@value #MAGIC} (format version in the low byte); the counters (next node id, entry
 * point, live count, merge sequence, epoch, free-list length and slots); the entry count and per entry
 * node id, version, epoch, tombstone flag, block CRC, length and bytes; then the CRC32C of all bytes
 * before it.
 *
 * @param meta    the counters after the statement
 * @param entries the changed blocks, each whole or as a patch
 */
public record JournalRecord(IndexMeta meta, List<JournalBlock> entries) {
  /** "EJR" and format version 1. */
  static final int MAGIC = 0x454A5201;
  private static final int ENTRY_HEADER = 3 * Integer.BYTES + 2 * Long.BYTES + 1;

  public JournalRecord {
    entries = List.copyOf(entries);
  }

  byte[] encode() {
    int[] free = meta.freeList();
    int size = 2 * Integer.BYTES + 4 * Integer.BYTES + 2 * Long.BYTES + free.length * Integer.BYTES
        + Integer.BYTES;
    for (JournalBlock e : entries) {
      size += ENTRY_HEADER + e.bytes().length;
    }
    ByteBuffer out = ByteBuffer.allocate(size);
    out.putInt(MAGIC).putInt(meta.nextNodeId()).putInt(meta.entryPoint()).putInt(meta.liveCount())
        .putLong(meta.mergeSequence()).putLong(meta.epoch()).putInt(free.length);
    for (int slot : free) {
      out.putInt(slot);
    }
    out.putInt(entries.size());
    for (JournalBlock e : entries) {
      out.putInt(e.nodeId()).putLong(e.version()).putLong(e.epoch())
          .put((byte) (e.tombstone() ? 1 : 0)).putInt(e.checksum()).putInt(e.bytes().length)
          .put(e.bytes());
    }
    out.putInt(crc(out.array(), size - Integer.BYTES));
    return out.array();
  }

  /**
   * The record stored as {@code bytes} in the row of epoch {@code epoch}; a damaged row, or one of
   * another format, throws {@link CorruptIndexException}.
   */
  public static JournalRecord decode(byte[] bytes, long epoch) {
    try {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      int magic = in.getInt();
      if (magic != MAGIC) {
        throw damaged("has format " + Integer.toHexString(magic) + ", this Eider reads "
            + Integer.toHexString(MAGIC));
      }
      if (crc(bytes, bytes.length - Integer.BYTES) != in.getInt(bytes.length - Integer.BYTES)) {
        throw damaged("fails its checksum");
      }
      IndexMeta meta = readMeta(in);
      if (meta.epoch() != epoch) {
        throw damaged("holds epoch " + meta.epoch() + " in a row of epoch " + epoch);
      }
      int count = in.getInt();
      List<JournalBlock> entries = new ArrayList<>(Math.min(count, bytes.length / ENTRY_HEADER));
      for (int i = 0; i < count; i++) {
        int nodeId = in.getInt();
        long version = in.getLong();
        long blockEpoch = in.getLong();
        boolean tombstone = in.get() != 0;
        int checksum = in.getInt();
        byte[] block = new byte[in.getInt()];
        in.get(block);
        entries.add(new JournalBlock(nodeId, block, version, blockEpoch, tombstone, checksum));
      }
      if (in.remaining() != Integer.BYTES) {
        throw damaged("has " + (in.remaining() - Integer.BYTES) + " bytes after its entries");
      }
      return new JournalRecord(meta, entries);
    } catch (BufferUnderflowException | IndexOutOfBoundsException | NegativeArraySizeException e) {
      throw damaged("is truncated");
    }
  }

  private static IndexMeta readMeta(ByteBuffer in) {
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
  }

  private static int crc(byte[] bytes, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, 0, length);
    return (int) crc.getValue();
  }

  private static CorruptIndexException damaged(String why) {
    return new CorruptIndexException("a record of the index journal " + why
        + ": the journal is damaged; rebuild the index");
  }
}
