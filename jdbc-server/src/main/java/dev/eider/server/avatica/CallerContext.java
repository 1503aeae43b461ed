package dev.eider.server.avatica;

import java.util.concurrent.Callable;

/**
 * The {@link Caller} of the request the current thread serves. Avatica hands the authenticated user to
 * {@code doAsRemoteUser} around each request; this is how the user reaches the service and the meta below.
 */
public final class CallerContext {

  private final ThreadLocal<Caller> current = new ThreadLocal<>();
  private final Caller fallback;

  /** @param fallback the caller assumed outside {@link #runAs}: the anonymous admin of an open server */
  public CallerContext(Caller fallback) {
    this.fallback = fallback;
  }

  /** Runs {@code action} on behalf of {@code caller}. */
  public <T> T runAs(Caller caller, Callable<T> action) throws Exception {
    Caller previous = current.get();
    current.set(caller);
    try {
      return action.call();
    } finally {
      if (previous == null) {
        current.remove();
      } else {
        current.set(previous);
      }
    }
  }

  /** The caller of the current request. */
  public Caller current() {
    Caller caller = current.get();
    return caller != null ? caller : fallback;
  }
}
