package dev.eider.adapter.index;

import dev.eider.lmdiskann.IndexConfig;
import dev.eider.lmdiskann.Metric;
import dev.eider.lmdiskann.NeighborCompression;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/**
 * The {@code WITH (...)} options of CREATE INDEX: parsed and checked, and rendered back in a canonical
 * {@code name=value, ...} form for the catalog and {@code sys.indexes}.
 *
 * @param metric      l2, cosine or inner_product (default l2)
 * @param compression the neighbor codes, or {@code null} until {@link #forDimensions} settles the
 *                    default for the column's vector length
 * @param keyColumn   the row-key column, or {@code null} for the table's integer primary key
 * @param cacheMb     block-cache budget in MiB (default 256)
 */
public record IndexOptions(Metric metric, int maxDegree, int buildSearchL, int searchL, float alpha,
    NeighborCompression compression, int cacheMb, String keyColumn) {

  public static final int DEFAULT_CACHE_MB = 256;
  private static final Set<String> NAMES = Set.of("metric", "max_degree", "build_search_l",
      "search_l", "alpha", "neighbor_compression", "cache_mb", "key_column");

  /** Parses user options (names case-insensitive); throws naming the first bad option. */
  public static IndexOptions parse(Map<String, String> options) {
    Map<String, String> given = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : options.entrySet()) {
      String name = e.getKey().toLowerCase(Locale.ROOT);
      if (!NAMES.contains(name)) {
        throw new IllegalArgumentException("Unknown LM_DISKANN index option '" + e.getKey()
            + "': expected one of metric, max_degree, build_search_l, search_l, alpha, "
            + "neighbor_compression, cache_mb, key_column");
      }
      if (given.put(name, e.getValue()) != null) {
        throw new IllegalArgumentException("Index option '" + name + "' is given twice");
      }
    }
    Metric metric = given.containsKey("metric") ? Metric.parse(given.get("metric")) : Metric.L2;
    NeighborCompression compression = given.containsKey("neighbor_compression")
        ? NeighborCompression.parse(given.get("neighbor_compression"))
        : null;
    int maxDegree = intOption(given, "max_degree", IndexConfig.DEFAULT_MAX_DEGREE);
    int buildL = intOption(given, "build_search_l",
        Math.max(IndexConfig.DEFAULT_BUILD_SEARCH_L, maxDegree));
    int searchL = intOption(given, "search_l", IndexConfig.DEFAULT_SEARCH_L);
    float alpha = floatOption(given, "alpha", IndexConfig.DEFAULT_ALPHA);
    int cacheMb = intOption(given, "cache_mb", DEFAULT_CACHE_MB);
    if (cacheMb < 1) {
      throw new IllegalArgumentException("cache_mb must be at least 1, got " + cacheMb);
    }
    String key = given.get("key_column");
    if (key != null && key.isBlank()) {
      throw new IllegalArgumentException("key_column must name a column");
    }
    IndexOptions parsed = new IndexOptions(metric, maxDegree, buildL, searchL, alpha, compression,
        cacheMb, key);
    parsed.config(1);
    return parsed;
  }

  /** The options an index was declared with. */
  public static IndexOptions of(IndexDefinition definition) {
    IndexConfig c = definition.config();
    return new IndexOptions(c.metric(), c.maxDegree(), c.buildSearchL(), c.searchL(), c.alpha(),
        c.compression(), definition.cacheMb(), definition.keyColumn());
  }

  /** Parses the canonical form written by {@link #render}. */
  public static IndexOptions parseCanonical(String text) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String part : text.split(",")) {
      if (part.isBlank()) {
        continue;
      }
      int eq = part.indexOf('=');
      options.put(part.substring(0, eq).trim(), part.substring(eq + 1).trim());
    }
    return parse(options);
  }

  /** The graph configuration for vectors of {@code dimensions}. */
  public IndexConfig config(int dimensions) {
    return new IndexConfig(dimensions, metric, maxDegree, buildSearchL, searchL, alpha,
        compressionFor(dimensions));
  }

  /**
   * These options with the neighbor compression settled for vectors of {@code dimensions}: the one
   * given, or the core's default for that length (ternary codes are too coarse for short vectors).
   */
  public IndexOptions forDimensions(int dimensions) {
    return new IndexOptions(metric, maxDegree, buildSearchL, searchL, alpha,
        compressionFor(dimensions), cacheMb, keyColumn);
  }

  private NeighborCompression compressionFor(int dimensions) {
    return compression != null ? compression : NeighborCompression.defaultFor(dimensions);
  }

  /** These options with the key column that was actually chosen. */
  public IndexOptions withKeyColumn(String column) {
    return new IndexOptions(metric, maxDegree, buildSearchL, searchL, alpha, compression, cacheMb,
        column);
  }

  /** Canonical {@code name=value, ...} text, every option spelled out. */
  public String render() {
    StringJoiner text = new StringJoiner(", ");
    text.add("metric=" + metric.name().toLowerCase(Locale.ROOT));
    text.add("max_degree=" + maxDegree);
    text.add("build_search_l=" + buildSearchL);
    text.add("search_l=" + searchL);
    text.add("alpha=" + alpha);
    text.add("neighbor_compression=" + compression.name().toLowerCase(Locale.ROOT));
    text.add("cache_mb=" + cacheMb);
    if (keyColumn != null) {
      text.add("key_column=" + keyColumn);
    }
    return text.toString();
  }

  private static int intOption(Map<String, String> given, String name, int fallback) {
    String value = given.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      return Integer.parseInt(value.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Index option " + name + " must be an integer, got '" + value + "'");
    }
  }

  private static float floatOption(Map<String, String> given, String name, float fallback) {
    String value = given.get(name);
    if (value == null) {
      return fallback;
    }
    try {
      float parsed = Float.parseFloat(value.trim());
      if (!Float.isFinite(parsed)) {
        throw new NumberFormatException();
      }
      return parsed;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "Index option " + name + " must be a number, got '" + value + "'");
    }
  }
}
