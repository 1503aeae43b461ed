package dev.eider.adapter.embed;

/** A text-embedding model is missing, unknown or failed to load or run; the message says which. */
public final class EmbeddingException extends RuntimeException {

  public EmbeddingException(String message) {
    super(message);
  }

  public EmbeddingException(String message, Throwable cause) {
    super(message, cause);
  }
}
