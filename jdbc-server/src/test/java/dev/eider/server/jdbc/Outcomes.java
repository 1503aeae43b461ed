package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

/** Statements run on another thread, for tests that stop them from this one. */
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

  /** The single number {@code sql} returns; a failure is unchecked, to run in a {@link CompletableFuture}. */
  public static long count(Statement statement, String sql) {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    } catch (SQLException e) {
      throw new CompletionException(e);
    }
  }
}
