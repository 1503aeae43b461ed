package dev.eider.adapter.index;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The last searches of the indexes of one DuckDB database, oldest first, bounded so a busy server
 * keeps a constant amount of memory. Every connection to the database shares it.
 */
public final class SearchLog {
  /** Searches kept when no other capacity is given. */
  public static final int DEFAULT_CAPACITY = 1000;

  private final int capacity;
  private final Deque<Entry> entries = new ArrayDeque<>();
  private long sequence;

  public SearchLog(int capacity) {
    if (capacity < 1) {
      throw new IllegalArgumentException("a search log keeps at least 1 search, got " + capacity);
    }
    this.capacity = capacity;
  }

  /** Records a search, forgetting the oldest one when full. */
  public synchronized void add(IndexSearch search) {
    if (entries.size() == capacity) {
      entries.removeFirst();
    }
    entries.addLast(new Entry(++sequence, search));
  }

  /** The searches kept, oldest first. */
  public synchronized List<Entry> entries() {
    return new ArrayList<>(entries);
  }

  /**
   * One kept search.
   *
   * @param sequence its number in this database since the log was created (1, 2, ...)
   * @param search   the figures
   */
  public record Entry(long sequence, IndexSearch search) {}
}
