package dev.eider.adapter.index;

/**
 * Engine-wide index behaviour, from system properties (the launcher and tests set them with -D).
 *
 * @param autoRebuild  rebuild an index found BROKEN at open in the background
 *                     ({@code eider.index.autoRebuild}, default true)
 * @param mergeBlocks  merge the journal into the graph file in the background once it holds this many
 *                     blocks ({@code eider.index.mergeBlocks}, default 8192)
 * @param buildThreads threads of a graph build ({@code eider.index.buildThreads}, default all cores)
 */
public record IndexSettings(boolean autoRebuild, int mergeBlocks, int buildThreads) {

  public IndexSettings {
    if (mergeBlocks < 1) {
      throw new IllegalArgumentException("eider.index.mergeBlocks must be at least 1, got "
          + mergeBlocks);
    }
    if (buildThreads < 1) {
      throw new IllegalArgumentException("eider.index.buildThreads must be at least 1, got "
          + buildThreads);
    }
  }

  public static IndexSettings fromSystemProperties() {
    return new IndexSettings(
        Boolean.parseBoolean(System.getProperty("eider.index.autoRebuild", "true")),
        Integer.getInteger("eider.index.mergeBlocks", 8192),
        Integer.getInteger("eider.index.buildThreads", Runtime.getRuntime().availableProcessors()));
  }
}
