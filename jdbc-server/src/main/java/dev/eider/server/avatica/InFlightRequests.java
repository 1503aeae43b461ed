package dev.eider.server.avatica;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/** Counts requests being served, so shutdown can stop taking new ones and wait for the running ones. */
final class InFlightRequests {

  private final ReentrantLock lock = new ReentrantLock();
  private final Condition drained = lock.newCondition();
  private int running;
  private boolean closed;

  /** Admits a request; fails once shutdown has begun. */
  void enter() {
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the server is shutting down; reconnect once it is back");
      }
      running++;
    } finally {
      lock.unlock();
    }
  }

  /** Marks an admitted request finished. */
  void exit() {
    lock.lock();
    try {
      if (--running == 0) {
        drained.signalAll();
      }
    } finally {
      lock.unlock();
    }
  }

  /** Requests being served now. */
  int running() {
    lock.lock();
    try {
      return running;
    } finally {
      lock.unlock();
    }
  }

  /** Refuses new requests, then waits up to {@code grace} for running ones; true if none is left. */
  boolean closeAndAwait(Duration grace) throws InterruptedException {
    lock.lock();
    try {
      closed = true;
      long nanos = grace.toNanos();
      while (running > 0 && nanos > 0) {
        nanos = drained.awaitNanos(nanos);
      }
      return running == 0;
    } finally {
      lock.unlock();
    }
  }
}
