package dev.eider.server.avatica;

import dev.eider.server.jdbc.RunningStatements;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Backs up the engine's own query timeout ({@link Statement#setQueryTimeout}, which Calcite passes to each DuckDB
 * statement as the time left): a single execute or fetch call still running when the timeout has passed is
 * interrupted ({@link RunningStatements#interrupt}, down into DuckDB; the statement stays usable), and a call
 * that fails once the timeout has passed, or that the engine stopped for its timeout, reports a
 * {@link SQLTimeoutException} naming the limit.
 */
public final class StatementWatchdog {

  private static final Logger LOG = LoggerFactory.getLogger(StatementWatchdog.class);

  private final Duration timeout;
  private final ScheduledExecutorService timer;

  /** A call into the engine that may throw what the meta method it implements declares. */
  @FunctionalInterface
  public interface Work<T, E extends Exception> {
    T run() throws E;
  }

  /**
   * @param timeout the longest a single execute or fetch may run; zero for no limit
   * @param timer runs the cancellations
   */
  public StatementWatchdog(Duration timeout, ScheduledExecutorService timer) {
    this.timeout = timeout;
    this.timer = timer;
  }

  /** The limit, zero if none. */
  public Duration timeout() {
    return timeout;
  }

  /** Runs {@code work} on {@code statement}, cancelling the statement if it outlives the timeout. */
  public <T, E extends Exception> T guard(Statement statement, Work<T, E> work) throws E {
    if (timeout.isZero() || statement == null) {
      return work.run();
    }
    long start = System.nanoTime();
    AtomicBoolean fired = new AtomicBoolean();
    ScheduledFuture<?> alarm = timer.schedule(() -> {
      fired.set(true);
      cancel(statement);
    }, timeout.toMillis(), TimeUnit.MILLISECONDS);
    try {
      T result = work.run();
      if (fired.get()) {
        throw timedOut(null);
      }
      return result;
    } catch (RuntimeException e) {
      if (fired.get() || System.nanoTime() - start >= timeout.toNanos() || RunningStatements.timedOut(e)) {
        throw timedOut(e);
      }
      throw e;
    } finally {
      alarm.cancel(false);
    }
  }

  private RuntimeException timedOut(Throwable cause) {
    SQLTimeoutException timeoutException = new SQLTimeoutException("statement cancelled: it ran longer than"
        + " the server's statement timeout of " + timeout.toMillis() + " ms (serve --statement-timeout)");
    if (cause != null) {
      timeoutException.addSuppressed(cause);
    }
    return new RuntimeException(timeoutException.getMessage(), timeoutException);
  }

  private static void cancel(Statement statement) {
    try {
      RunningStatements.interrupt(statement);
    } catch (SQLException | RuntimeException e) {
      LOG.warn("could not cancel a statement past the timeout: {}", e.getMessage());
    }
  }
}
