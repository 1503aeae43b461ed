package dev.eider.lmdiskann.disk;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/** Per-thread objects a block read needs, kept so that reading into the same buffer allocates nothing. */
public class ReadScratch {

    final CRC32C crc = new CRC32C();
    private ByteBuffer wrapped;

    /** A buffer over {@code into}, reused while the same array is read into. */
    ByteBuffer wrap(byte[] into) {
        if (wrapped == null || wrapped.array() != into) {
            wrapped = ByteBuffer.wrap(into);
        }
        return wrapped.clear();
    }
}
