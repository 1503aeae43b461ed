package dev.eider.planner.rules;

import dev.eider.planner.cost.Strategy;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.calcite.rel.hint.HintPredicates;
import org.apache.calcite.rel.hint.HintStrategyTable;
import org.apache.calcite.rel.hint.RelHint;

/**
 * The query hints {@code /*+ LM_DISKANN(search_l=300, strategy=filtered_graph) *}{@code /} and
 * {@code /*+ NO_LM_DISKANN *}{@code /}. Both options are optional; {@code strategy} overrides the cost
 * model's choice (the run time still switches a filtered search to exact search when the allowed set
 * turns out small).
 * Calcite attaches a SELECT's hints to its root and propagates them to sorts, projects, filters and
 * scans, which are exactly the nodes the index rules look at.
 *
 * @param forbidden whether NO_LM_DISKANN asks for the exact plan
 * @param searchL   the beam width LM_DISKANN asks for, 0 when it does not
 * @param strategy  the strategy LM_DISKANN asks for, null when it does not
 */
public record LmDiskannHints(boolean forbidden, int searchL, Strategy strategy) {
  public static final String USE = "LM_DISKANN";
  public static final String FORBID = "NO_LM_DISKANN";
  public static final LmDiskannHints NONE = new LmDiskannHints(false, 0, null);

  /** The strategy table the SQL-to-rel converter needs to keep these hints. */
  public static HintStrategyTable strategies() {
    var where = HintPredicates.or(HintPredicates.SORT, HintPredicates.PROJECT,
        HintPredicates.FILTER, HintPredicates.TABLE_SCAN);
    return HintStrategyTable.builder()
        .hintStrategy(USE, where)
        .hintStrategy(FORBID, where)
        .build();
  }

  /** What the hints on the matched nodes ask for; the last LM_DISKANN's options win. */
  public static LmDiskannHints of(List<RelHint> hints) {
    LmDiskannHints result = NONE;
    for (RelHint hint : hints) {
      String name = hint.hintName.toUpperCase(Locale.ROOT);
      if (name.equals(FORBID)) {
        result = new LmDiskannHints(true, result.searchL, result.strategy);
      } else if (name.equals(USE)) {
        result = use(hint, result);
      }
    }
    return result;
  }

  private static LmDiskannHints use(RelHint hint, LmDiskannHints before) {
    int searchL = before.searchL;
    Strategy strategy = before.strategy;
    for (var option : hint.kvOptions.entrySet()) {
      String key = option.getKey().toLowerCase(Locale.ROOT);
      switch (key) {
        case "search_l" -> searchL = parseSearchL(option.getValue(), "hint " + USE);
        case "strategy" -> strategy = strategy(option.getValue());
        default -> throw new IllegalArgumentException("hint " + USE + " has no option '"
            + option.getKey() + "': use " + USE + "(search_l=<beam width>, strategy=<"
            + Arrays.toString(Strategy.values()) + ">)");
      }
    }
    if (hint.kvOptions.isEmpty() && hint.listOptions.size() == 1) {
      searchL = parseSearchL(hint.listOptions.getFirst(), "hint " + USE);
    }
    return new LmDiskannHints(before.forbidden, searchL, strategy);
  }

  private static Strategy strategy(String value) {
    try {
      return Strategy.valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("hint " + USE + ": strategy must be one of "
          + Arrays.toString(Strategy.values()) + ", got '" + value + "'", e);
    }
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
