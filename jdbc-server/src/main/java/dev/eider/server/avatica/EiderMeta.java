package dev.eider.server.avatica;

import dev.eider.adapter.duckdb.StatementRun;
import dev.eider.server.auth.Role;
import dev.eider.server.jdbc.RunningStatements;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.MissingResultsException;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.avatica.QueryState;
import org.apache.calcite.avatica.remote.TypedValue;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.proto.Requests;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The JDBC meta of one user: Avatica's {@link JdbcMeta} over the embedded engine, plus what the server
 * enforces: the user's role per statement, the connection budget, the row cap, the statement timeout, and
 * a filter on connection properties (a client must not re-point the engine, e.g. with its own {@code model}).
 * One instance per user keeps each user's connection and statement ids out of other users' reach.
 */
final class EiderMeta extends JdbcMeta {

  private static final Logger LOG = LoggerFactory.getLogger(EiderMeta.class);

  /** Connection properties a client may set; everything else the client sends is dropped. */
  static final Set<String> CLIENT_PROPERTIES = Set.of("timeZone", "locale",
      dev.eider.planner.EiderPrepare.SEARCH_L_PROPERTY);

  private final CallerContext callers;
  private final ServerLimits limits;
  private final ConnectionBudget budget;
  private final StatementWatchdog watchdog;
  private final ScheduledExecutorService timer;
  private final Map<Integer, Tracked> statements = new ConcurrentHashMap<>();
  private final ThreadLocal<Statement> justCreated = new ThreadLocal<>();

  EiderMeta(String engineUrl, Properties engineInfo, CallerContext callers, ServerLimits limits,
      ConnectionBudget budget, StatementWatchdog watchdog, ScheduledExecutorService timer) throws SQLException {
    super(engineUrl, withCacheSettings(engineInfo, limits));
    this.callers = callers;
    this.limits = limits;
    this.budget = budget;
    this.watchdog = watchdog;
    this.timer = timer;
  }

  private static Properties withCacheSettings(Properties engineInfo, ServerLimits limits) {
    Properties info = new Properties();
    info.putAll(engineInfo);
    info.setProperty(ConnectionCacheSettings.EXPIRY_DURATION.key(),
        Long.toString(limits.idleTimeout().toMillis()));
    info.setProperty(ConnectionCacheSettings.EXPIRY_UNIT.key(), "MILLISECONDS");
    info.setProperty(ConnectionCacheSettings.MAX_CAPACITY.key(), Integer.toString(Integer.MAX_VALUE));
    return info;
  }

  /** Connections of this user that are open now. */
  long openConnections() {
    getConnectionCache().cleanUp();
    return getConnectionCache().size();
  }

  /** Cancels whatever this user's statements are running (server shutdown). */
  void cancelAll() {
    for (Tracked tracked : statements.values()) {
      try {
        RunningStatements.interrupt(tracked.statement());
      } catch (SQLException | RuntimeException e) {
        LOG.debug("cancel at shutdown failed: {}", e.getMessage());
      }
    }
  }

  /** Closes every connection of this user. */
  void closeAll() {
    getConnectionCache().invalidateAll();
    getConnectionCache().cleanUp();
    statements.clear();
  }

  @Override
  public void openConnection(ConnectionHandle ch, Map<String, String> clientInfo) {
    Map<String, String> allowed = clientInfo == null ? Map.of() : clientInfo.entrySet().stream()
        .filter(e -> CLIENT_PROPERTIES.contains(e.getKey()))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    budget.open(() -> super.openConnection(ch, allowed));
  }

  @Override
  protected Connection createConnection(String url, Properties info) throws SQLException {
    return EngineConnections.wrap(super.createConnection(url, info), justCreated::set);
  }

  /**
   * Closes a client connection; a statement of it still running (the client closed the connection from another
   * thread) is interrupted first.
   */
  @Override
  public void closeConnection(ConnectionHandle ch) {
    statements.values().removeIf(tracked -> {
      if (!tracked.connectionId().equals(ch.id)) {
        return false;
      }
      tracked.stop();
      return true;
    });
    super.closeConnection(ch);
  }

  @Override
  public StatementHandle createStatement(ConnectionHandle ch) {
    return track(super.createStatement(ch));
  }

  @Override
  public StatementHandle prepare(ConnectionHandle ch, String sql, long maxRowCount) {
    requireRole(sql);
    return track(super.prepare(ch, sql, limits.capRows(maxRowCount)));
  }

  /**
   * Closes a client statement; if it is still running, it is interrupted first. Avatica's protocol has no cancel
   * request, so a close is the only way a client can stop one statement. (The Java thin client cannot send it
   * while the statement executes: its {@code Statement.close()} waits for the running request. It can close the
   * connection instead; see {@link #closeConnection}.)
   */
  @Override
  public void closeStatement(StatementHandle h) {
    Tracked tracked = statements.remove(h.id);
    if (tracked != null) {
      tracked.stop();
    }
    super.closeStatement(h);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, PrepareCallback callback)
      throws NoSuchStatementException {
    return prepareAndExecute(h, sql, maxRowCount, (int) Math.min(Integer.MAX_VALUE, maxRowCount), callback);
  }

  @Override
  public ExecuteResult prepareAndExecute(StatementHandle h, String sql, long maxRowCount, int maxRowsInFirstFrame,
      PrepareCallback callback) throws NoSuchStatementException {
    requireRole(sql);
    long cappedRows = limits.capRows(maxRowCount);
    int firstFrame = maxRowsInFirstFrame <= 0 ? maxRowsInFirstFrame
        : (int) Math.min(maxRowsInFirstFrame, cappedRows <= 0 ? Long.MAX_VALUE : cappedRows);
    return running(h, () -> super.prepareAndExecute(h, sql, cappedRows, firstFrame, callback));
  }

  @Override
  public ExecuteBatchResult prepareAndExecuteBatch(StatementHandle h, List<String> sqlCommands)
      throws NoSuchStatementException {
    sqlCommands.forEach(this::requireRole);
    return running(h, () -> super.prepareAndExecuteBatch(h, sqlCommands));
  }

  @Override
  public boolean syncResults(StatementHandle h, QueryState state, long offset) throws NoSuchStatementException {
    if (state.type == QueryState.StateType.SQL) {
      requireRole(state.sql);
    }
    return running(h, () -> super.syncResults(h, state, offset));
  }

  @Override
  public ExecuteResult execute(StatementHandle h, List<TypedValue> parameterValues, int maxRowsInFirstFrame)
      throws NoSuchStatementException {
    return running(h, () -> super.execute(h, parameterValues, maxRowsInFirstFrame));
  }

  @Override
  public ExecuteBatchResult executeBatch(StatementHandle h, List<List<TypedValue>> updateBatches)
      throws NoSuchStatementException {
    return running(h, () -> super.executeBatch(h, updateBatches));
  }

  @Override
  public ExecuteBatchResult executeBatchProtobuf(StatementHandle h, List<Requests.UpdateBatch> updateBatches)
      throws NoSuchStatementException {
    return running(h, () -> super.executeBatchProtobuf(h, updateBatches));
  }

  @Override
  public Frame fetch(StatementHandle h, long offset, int fetchMaxRowCount)
      throws NoSuchStatementException, MissingResultsException {
    try {
      return running(h, () -> super.fetch(h, offset, fetchMaxRowCount));
    } catch (NoSuchStatementException | MissingResultsException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("fetch failed: " + e.getMessage(), e);
    }
  }

  private StatementHandle track(StatementHandle handle) {
    Statement statement = justCreated.get();
    justCreated.remove();
    if (statement != null) {
      configure(statement);
      statements.put(handle.id, new Tracked(handle.connectionId, statement, new AtomicBoolean()));
    }
    return handle;
  }

  /**
   * Runs a call on a client statement under the statement timeout, and keeps the statement's connection from
   * expiring as idle while the call runs (the connection cache counts only requests as use). A call that fails
   * because the client closed the statement meanwhile says so.
   */
  private <T, E extends Exception> T running(StatementHandle h, StatementWatchdog.Work<T, E> work) throws E {
    long period = Math.max(1, limits.idleTimeout().toMillis() / 2);
    ScheduledFuture<?> keepAlive = timer.scheduleAtFixedRate(
        () -> getConnectionCache().getIfPresent(h.connectionId), period, period, TimeUnit.MILLISECONDS);
    Tracked tracked = statements.get(h.id);
    try {
      return watchdog.guard(tracked == null ? null : tracked.statement(), work);
    } catch (RuntimeException e) {
      if (tracked != null && tracked.stopped().get()) {
        SQLException cancelled = new SQLException("statement cancelled: the client closed the statement (or its"
            + " connection) while it ran", StatementRun.CANCELLED_STATE);
        cancelled.addSuppressed(e);
        throw new RuntimeException(cancelled.getMessage(), cancelled);
      }
      throw e;
    } finally {
      keepAlive.cancel(false);
    }
  }

  /**
   * A statement the server created for a client, the client connection it belongs to, and whether the client
   * has closed it.
   */
  private record Tracked(String connectionId, Statement statement, AtomicBoolean stopped) {

    /** Marks the statement closed by its client and interrupts whatever it runs. */
    void stop() {
      stopped.set(true);
      try {
        RunningStatements.interrupt(statement);
      } catch (SQLException | RuntimeException e) {
        LOG.debug("interrupting a statement its client closed failed: {}", e.getMessage());
      }
    }
  }

  private void configure(Statement statement) {
    try {
      long timeoutSeconds = limits.statementTimeout().toSeconds();
      if (timeoutSeconds > 0) {
        statement.setQueryTimeout((int) Math.min(Integer.MAX_VALUE, timeoutSeconds));
      }
    } catch (SQLException e) {
      LOG.debug("the engine does not take a query timeout; the watchdog alone enforces it: {}", e.getMessage());
    }
  }

  private void requireRole(String sql) {
    Caller caller = callers.current();
    Role needed = StatementAccess.requiredRole(sql);
    if (!caller.role().includes(needed)) {
      throw new RuntimeException(new SQLException(StatementAccess.refusal(caller, needed, sql), "42501"));
    }
  }
}
