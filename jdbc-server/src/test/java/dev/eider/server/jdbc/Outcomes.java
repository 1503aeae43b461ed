package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** The outcome of a statement run on another thread, for tests that stop it from this one. */
public final class Outcomes {

  private Outcomes() {}

  /** The failure {@code running} ends with, within {@code bound}, unwrapped to the JDBC exception. */
  public static Throwable failure(CompletableFuture<?> running, Duration bound) {
    assertThat(running).failsWithin(bound.toSeconds(), TimeUnit.SECONDS);
    Throwable failure = running.handle((value, error) -> error).join();
    while (failure instanceof CompletionException && failure.getCause() != null) {
      failure = failure.getCause();
    }
    return failure;
  }
}
