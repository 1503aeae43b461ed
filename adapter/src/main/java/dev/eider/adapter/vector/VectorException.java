package dev.eider.adapter.vector;

/** A vector value is unusable: wrong dimension, NaN or infinite element, empty, or not a vector. */
public class VectorException extends IllegalArgumentException {
  public VectorException(String message) {
    super(message);
  }

  public VectorException(String message, Throwable cause) {
    super(message, cause);
  }
}
