package dev.eider.adapter.index;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.lmdiskann.BuildOptions;
import dev.eider.lmdiskann.CorruptIndexException;
import dev.eider.lmdiskann.LmDiskannIndex;
import dev.eider.lmdiskann.MergeResult;
import dev.eider.lmdiskann.OpenOptions;
import dev.eider.lmdiskann.journal.InMemoryJournal;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.duckdb.DuckDBAppender;
import org.duckdb.DuckDBConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The life of every LM-DiskANN index of one DuckDB database: reopening and validating them when the
 * database opens, CREATE / DROP / VACUUM / ALTER INDEX, background merges and rebuilds, and the
 * {@link IndexWrite} a DML statement uses to change the graph inside its DuckDB transaction.
 */
public final class IndexManager implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(IndexManager.class);

  private final DuckDbDatabase database;
  private final IndexRegistry registry;
  private final IndexSettings settings;
  private final ExecutorService background;
  /** Runs a write's base-table statements while its thread changes the graph (see IndexWrite). */
  private final ExecutorService sideThreads;
  private final WriteSessions sessions;
  /** The batch each thread is running, if any (see IndexBatch). */
  private final ThreadLocal<IndexBatch> batches = new ThreadLocal<>();

  public IndexManager(DuckDbDatabase database, IndexRegistry registry, IndexSettings settings) {
    this.database = database;
    this.sessions = new WriteSessions(database);
    this.registry = registry;
    this.settings = settings;
    this.background = Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon()
        .name("eider-index-" + database.file().getFileName()).factory());
    this.sideThreads = Executors.newCachedThreadPool(Thread.ofPlatform().daemon()
        .name("eider-write-" + database.file().getFileName() + "-", 0).factory());
  }

  public IndexRegistry registry() {
    return registry;
  }

  public IndexSettings settings() {
    return settings;
  }

  /** The folder of index {@code name}: {@code <db file>.eider/<name>/}. */
  public Path folderOf(String name) {
    Path file = database.file().toAbsolutePath();
    return file.resolveSibling(file.getFileName() + ".eider").resolve(name);
  }

  /** Opens every index the catalog declares; an index that fails validation becomes BROKEN. */
  public void openAll() throws SQLException {
    List<IndexDefinition> definitions;
    try (Connection connection = database.connect()) {
      definitions = IndexCatalog.list(connection);
    }
    for (IndexDefinition definition : definitions) {
      VectorIndex index = new VectorIndex(definition, folderOf(definition.name()), IndexState.BUILDING);
      registry.add(index);
      index.writeLock().lock();
      try {
        openOrBreak(index);
      } finally {
        index.writeLock().unlock();
      }
    }
  }

  /** Opens, validates and reconciles; on failure marks BROKEN and maybe schedules a rebuild. */
  private void openOrBreak(VectorIndex index) {
    try {
      open(index);
      IndexReconciler.Result reconciled = reconcile(index);
      if (reconciled.changed()) {
        LOG.info("Index {}: took in {} rows added and {} rows removed outside Eider",
            index.name(), reconciled.inserted(), reconciled.deleted());
      }
    } catch (RuntimeException | IOException | SQLException e) {
      String why = e.getMessage() == null ? e.toString() : e.getMessage();
      LOG.warn("Index {} cannot be trusted and is BROKEN: {}. Queries use exact search{}",
          index.name(), why, settings.autoRebuild() ? "; rebuilding it in the background" : "");
      try {
        index.closeGraph(IndexState.BROKEN, why);
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      if (settings.autoRebuild()) {
        background.submit(() -> rebuildQuietly(index));
      }
    }
  }

  /** Opens the graph with the DuckDB journal and lookup, checking it against the catalog. */
  private void open(VectorIndex index) throws IOException, SQLException {
    IndexDefinition definition = index.definition();
    DuckDbJournal journal = new DuckDbJournal(database, definition);
    LookupRowKeyMap lookup;
    try (Connection connection = database.connect()) {
      lookup = LookupRowKeyMap.load(connection, definition, journal);
    }
    LmDiskannIndex graph = LmDiskannIndex.open(index.folder(),
        new OpenOptions(definition.cacheBytes(), lookup), journal);
    try {
      if (!graph.config().equals(definition.config())) {
        throw new CorruptIndexException("the graph file was built with " + graph.config()
            + " but the catalog declares " + definition.config());
      }
      int live = graph.stats().liveCount();
      if (live != lookup.size()) {
        throw new CorruptIndexException("the graph holds " + live + " live vectors but the lookup"
            + " table maps " + lookup.size() + " row keys");
      }
    } catch (RuntimeException e) {
      graph.close();
      throw e;
    }
    index.publish(graph, journal);
  }

  private IndexReconciler.Result reconcile(VectorIndex index) throws SQLException, IOException {
    try (IndexWrite write = beginWrite(List.of(index))) {
      IndexReconciler.Result result = IndexReconciler.reconcile(write, index);
      write.commit();
      return result;
    }
  }

  /** CREATE INDEX: checks everything first; on any failure nothing is left behind. */
  public void create(String name, String schema, String table, String column,
      Map<String, String> options, boolean ifNotExists) throws SQLException, IOException {
    IndexOptions parsed = IndexOptions.parse(options);
    if (registry.byName(name).isPresent()) {
      if (ifNotExists) {
        return;
      }
      throw new IllegalArgumentException("Index " + name + " already exists");
    }
    TableShape shape;
    try (Connection connection = database.connect()) {
      shape = TableShape.inspect(connection, schema, table, column, parsed.keyColumn());
      if (relationExists(connection, name)) {
        throw new IllegalArgumentException("Index " + name + " already exists");
      }
    }
    IndexOptions chosen = parsed.withKeyColumn(parsed.keyColumn() == null ? null : shape.keyColumn())
        .forDimensions(shape.dimensions());
    IndexDefinition definition = new IndexDefinition(name, shape.schema(), shape.table(),
        shape.column(), shape.keyColumn(), chosen.config(shape.dimensions()), chosen.cacheMb());
    VectorIndex index = new VectorIndex(definition, folderOf(definition.name()), IndexState.BUILDING);
    registry.add(index);
    index.writeLock().lock();
    try {
      TableVectors vectors = buildGraph(index, index.folder());
      try (Connection connection = database.connect()) {
        connection.setAutoCommit(false);
        IndexCatalog.create(connection, definition, chosen);
        writeLookup(connection, definition, vectors);
        connection.commit();
      }
      open(index);
      LOG.info("Index {} is READY: {} vectors of {} dimensions", index.name(), vectors.size(),
          shape.dimensions());
    } catch (RuntimeException | IOException | SQLException e) {
      registry.remove(index);
      discard(index);
      throw e;
    } finally {
      index.writeLock().unlock();
    }
  }

  /** Whether {@code name} is taken by a DuckDB index, or the catalog declares it. */
  private static boolean relationExists(Connection connection, String name) throws SQLException {
    try (var statement = connection.prepareStatement("SELECT count(*) FROM duckdb_indexes()"
        + " WHERE database_name = current_database() AND lower(index_name) = lower(?)")) {
      statement.setString(1, name);
      try (var rows = statement.executeQuery()) {
        rows.next();
        return rows.getLong(1) > 0;
      }
    }
  }

  /** Reads the table and builds a graph into {@code folder}, replacing any graph there. */
  private TableVectors buildGraph(VectorIndex index, Path folder) throws SQLException, IOException {
    BuildProgressLog progress = new BuildProgressLog(index);
    TableVectors vectors;
    try (Connection connection = database.connect()) {
      vectors = TableVectors.read(connection, index.definition(), progress);
    }
    BuildOptions options = BuildOptions.defaults().withThreads(settings.buildThreads())
        .withCacheBytes(index.definition().cacheBytes()).withProgress(progress);
    LmDiskannIndex.build(folder, index.config(), vectors, options, new InMemoryJournal()).close();
    return vectors;
  }

  /** Lookup rows of a fresh build: the builder gives node i to the i-th vector of the source. */
  private static void writeLookup(Connection connection, IndexDefinition definition,
      TableVectors vectors) throws SQLException {
    try (DuckDBAppender appender = connection.unwrap(DuckDBConnection.class)
        .createAppender(IndexDefinition.INDEX_SCHEMA, definition.name() + "_lookup")) {
      for (int i = 0; i < vectors.size(); i++) {
        appender.beginRow().append(vectors.rowKey(i)).append(i).endRow();
      }
    }
  }

  /**
   * Removes an index's graph, tables and catalog row, whatever of them exists, and the write sessions
   * whose statements were prepared while its tables existed.
   */
  private void discard(VectorIndex index) throws SQLException, IOException {
    index.closeGraph(IndexState.BROKEN, "dropped");
    try (Connection connection = database.connect()) {
      if (IndexCatalog.exists(connection)) {
        IndexCatalog.drop(connection, index.definition());
      }
    } finally {
      sessions.invalidate();
    }
    deleteFolder(index.folder());
  }

  /** DROP INDEX; false when no LM-DiskANN index has this name. */
  public boolean drop(String name) throws SQLException, IOException {
    VectorIndex index = registry.byName(name).orElse(null);
    if (index == null) {
      return false;
    }
    index.writeLock().lock();
    try {
      registry.remove(index);
      discard(index);
      LOG.info("Index {} dropped", index.name());
      return true;
    } finally {
      index.writeLock().unlock();
    }
  }

  /** VACUUM INDEX: merges the journal into the graph file and consolidates deletes. */
  public MergeResult vacuum(String name) throws IOException {
    VectorIndex index = require(name);
    index.writeLock().lock();
    try {
      return merge(index);
    } finally {
      index.writeLock().unlock();
    }
  }

  private MergeResult merge(VectorIndex index) throws IOException {
    LmDiskannIndex graph = index.graph();
    if (graph == null) {
      throw new IllegalStateException("Index " + index.name() + " is " + index.state()
          + ": nothing to merge until it is rebuilt (ALTER INDEX " + index.name() + " REBUILD)");
    }
    MergeResult result = graph.merge();
    index.markMerged(Instant.now());
    LOG.info("Index {}: merged {} blocks, patched {}, freed {}, truncated {} (merge {})",
        index.name(), result.blocksWritten(), result.nodesPatched(), result.slotsFreed(),
        result.slotsTruncated(), result.mergeSequence());
    return result;
  }

  /** ALTER INDEX REBUILD: builds the graph again from the table. */
  public void rebuild(String name) throws SQLException, IOException {
    rebuild(require(name));
  }

  private void rebuild(VectorIndex index) throws SQLException, IOException {
    index.writeLock().lock();
    try {
      if (registry.byName(index.name()).orElse(null) != index) {
        return;
      }
      index.closeGraph(IndexState.REBUILDING, index.stateDetail());
      Path staging = index.folder().resolveSibling(index.name() + ".rebuild");
      deleteFolder(staging);
      TableVectors vectors = buildGraph(index, staging);
      try (Connection connection = database.connect()) {
        connection.setAutoCommit(false);
        IndexCatalog.reset(connection, index.definition());
        writeLookup(connection, index.definition(), vectors);
        connection.commit();
      }
      Files.createDirectories(index.folder());
      Files.move(staging.resolve(LmDiskannIndex.GRAPH_FILE),
          index.folder().resolve(LmDiskannIndex.GRAPH_FILE), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
      deleteFolder(staging);
      open(index);
      reconcile(index);
      LOG.info("Index {} rebuilt: {} vectors, READY", index.name(), vectors.size());
    } catch (RuntimeException | IOException | SQLException e) {
      index.closeGraph(IndexState.BROKEN, "rebuild failed: " + e.getMessage());
      throw e;
    } finally {
      index.writeLock().unlock();
    }
  }

  private void rebuildQuietly(VectorIndex index) {
    try {
      rebuild(index);
    } catch (RuntimeException | IOException | SQLException e) {
      LOG.error("Rebuilding index {} failed: {}", index.name(), e.getMessage(), e);
    }
  }

  /** ALTER INDEX REFRESH: takes in rows written into the table by other programs. */
  public IndexReconciler.Result refresh(String name) throws SQLException, IOException {
    VectorIndex index = require(name);
    if (index.graph() == null) {
      throw new IllegalStateException("Index " + index.name() + " is " + index.state()
          + ": rebuild it (ALTER INDEX " + index.name() + " REBUILD) instead of refreshing");
    }
    return reconcile(index);
  }

  /**
   * Starts the index side of a DML statement on {@code indexes} (all indexes of the table): locks
   * them and opens the DuckDB transaction the statement must use for its base-table change.
   */
  public IndexWrite beginWrite(List<VectorIndex> indexes) throws SQLException {
    List<VectorIndex> ordered = new ArrayList<>(indexes);
    ordered.sort(Comparator.comparing(VectorIndex::name));
    IndexBatch batch = batches.get();
    return batch != null ? batch.join(ordered) : new IndexWrite(this, sessions, ordered);
  }

  /**
   * Starts a batch on this thread: until it is closed, the writes this thread begins join one shared
   * write, which {@link IndexBatch#commit()} commits.
   */
  public IndexBatch beginBatch() {
    if (batches.get() != null) {
      throw new IllegalStateException("This thread is already running a batch");
    }
    IndexBatch batch = new IndexBatch(ordered -> new IndexWrite(this, sessions, ordered),
        batches::remove);
    batches.set(batch);
    return batch;
  }

  ExecutorService sideThreads() {
    return sideThreads;
  }

  /** Called by a committed write: merges in the background once the journal is large. */
  void afterCommit(VectorIndex index) {
    index.stats().ifPresent(stats -> {
      if (stats.journalBlocks() >= settings.mergeBlocks() && index.requestMerge()) {
        background.submit(() -> {
          index.writeLock().lock();
          try {
            if (index.graph() != null) {
              merge(index);
            }
          } catch (IOException | RuntimeException e) {
            LOG.error("Background merge of index {} failed: {}", index.name(), e.getMessage(), e);
          } finally {
            index.mergeDone();
            index.writeLock().unlock();
          }
        });
      }
    });
  }

  /** Called by a rolled-back write that changed the graph: drops the unpublished changes. */
  void discardUncommitted(VectorIndex index) {
    try {
      open(index);
    } catch (RuntimeException | IOException | SQLException e) {
      LOG.warn("Index {}: reopening after a rolled-back statement failed: {}", index.name(),
          e.getMessage());
      try {
        index.closeGraph(IndexState.BROKEN, e.getMessage());
      } catch (IOException closing) {
        throw new UncheckedIOException(closing);
      }
    }
  }

  /** Waits for background merges and rebuilds started so far (tests and orderly shutdown). */
  public void awaitBackground() throws InterruptedException {
    Future<?> marker = background.submit(() -> { });
    try {
      marker.get();
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException(e);
    }
  }

  private VectorIndex require(String name) {
    return registry.byName(name).orElseThrow(() ->
        new IllegalArgumentException("Index " + name + " does not exist"));
  }

  private static void deleteFolder(Path folder) throws IOException {
    if (!Files.exists(folder)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(folder)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  @Override
  public void close() throws IOException {
    sideThreads.shutdown();
    background.shutdown();
    try {
      if (!background.awaitTermination(60, TimeUnit.SECONDS)) {
        background.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    sessions.close();
    for (VectorIndex index : registry.all()) {
      index.writeLock().lock();
      try {
        index.closeGraph(index.state(), index.stateDetail());
        registry.remove(index);
      } finally {
        index.writeLock().unlock();
      }
    }
  }
}
