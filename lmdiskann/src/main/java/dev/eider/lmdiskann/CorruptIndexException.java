package dev.eider.lmdiskann;

/**
 * The graph file or a journal block cannot be trusted: wrong magic or format version, a failed checksum, a
 * block that names another node, a file shorter than its header says. The index must be rebuilt.
 */
public final class CorruptIndexException extends RuntimeException {

    public CorruptIndexException(String message) {
        super(message);
    }

    public CorruptIndexException(String message, Throwable cause) {
        super(message, cause);
    }
}
