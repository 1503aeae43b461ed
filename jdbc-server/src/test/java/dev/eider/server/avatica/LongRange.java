package dev.eider.server.avatica;

import java.util.List;
import java.util.function.LongPredicate;
import java.util.stream.LongStream;

/** Expected id lists for tests. */
final class LongRange {

  private LongRange() {}

  /** The ids in [0, rows) that {@code keep} accepts, ascending. */
  static List<Long> filter(int rows, LongPredicate keep) {
    return LongStream.range(0, rows).filter(keep).boxed().toList();
  }
}
