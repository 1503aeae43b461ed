package dev.eider.planner.rules;

import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.hint.RelHint;

/**
 * The query hints {@code /*+ LM_DISKANN(search_l=300) *}{@code /} and {@code /*+ NO_LM_DISKANN *}{@code /}.
 * Calcite attaches a SELECT's hints to its root and propagates them to sorts, projects, filters and
 * scans, which are exactly the nodes the index rules look at.
 *
 * @param forbidden whether NO_LM_DISKANN asks for the exact plan
 * @param searchL   the beam width LM_DISKANN asks for, 0 when it does not
 */
public record LmDiskannHints(boolean forbidden, int searchL) {
  public static final String USE = "LM_DISKANN";
  public static final String FORBID = "NO_LM_DISKANN";
  public static final LmDiskannHints NONE = new LmDiskannHints(false, 0);

  /** The strategy table the SQL-to-rel converter needs to keep these hints. */
  public static HintStrategyTable strategies() {
    var where = HintPredicates.or(HintPredicates.SORT, HintPredicates.PROJECT,
        HintPredicates.FILTER, HintPredicates.TABLE_SCAN);
    return HintStrategyTable.builder()
        .hintStrategy(USE, where)
        .hintStrategy(FORBID, where)
        .build();
  }

  /** What the hints on the matched nodes ask for; the last LM_DISKANN search_l wins. */
  public static LmDiskannHints of(List<RelHint> hints) {
    boolean forbidden = false;
    int searchL = 0;
    for (RelHint hint : hints) {
      String name = hint.hintName.toUpperCase(Locale.ROOT);
      if (name.equals(FORBID)) {
        forbidden = true;
      } else if (name.equals(USE)) {
        searchL = searchL(hint);
      }
    }
    return new LmDiskannHints(forbidden, searchL);
  }

  private static int searchL(RelHint hint) {
    String value = null;
    for (var option : hint.kvOptions.entrySet()) {
      if (option.getKey().equalsIgnoreCase("search_l")) {
        value = option.getValue();
      } else {
        throw new IllegalArgumentException("hint " + USE + " has no option '" + option.getKey()
            + "': use " + USE + "(search_l=<beam width>)");
      }
    }
    if (value == null && hint.listOptions.size() == 1) {
      value = hint.listOptions.getFirst();
    }
    return value == null ? 0 : parseSearchL(value, "hint " + USE);
  }

  /**
   * A beam width given as text (a hint option or a connection property).
   *
   * @param where names the source in the error
   */
  public static int parseSearchL(String value, String where) {
    int l;
    try {
      l = Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      l = 0;
    }
    if (l < 1) {
      throw new IllegalArgumentException(where + ": search_l must be a positive integer (the "
          + "search beam width, e.g. 100), got '" + value + "'");
    }
    return l;
  }
}
