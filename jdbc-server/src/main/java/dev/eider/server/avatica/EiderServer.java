package dev.eider.server.avatica;

import dev.eider.server.auth.UserDirectory;
import dev.eider.server.auth.UsersLoginService;
import java.io.IOException;
import java.net.BindException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.apache.calcite.avatica.metrics.noop.NoopMetricsSystemConfiguration;
import org.apache.calcite.avatica.server.AvaticaHandler;
import org.apache.calcite.avatica.server.AvaticaServerConfiguration;
import org.apache.calcite.avatica.server.HandlerFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Avatica server over the embedded engine. {@link #start} returns once it accepts connections;
 * {@link #close} shuts it down cleanly: no new requests, running ones finish (or are cancelled after the
 * grace period), every engine connection is closed, so the engine checkpoints and closes its databases.
 */
public final class EiderServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EiderServer.class);

  private final ServerOptions options;
  private final List<DatabaseLock> locks;
  private final Connection anchor;
  private final ScheduledExecutorService timer;
  private final UserServices services;
  private final EiderHttpServer http;
  private final CountDownLatch stopped = new CountDownLatch(1);
  private boolean closed;

  private EiderServer(ServerOptions options, List<DatabaseLock> locks, Connection anchor,
      ScheduledExecutorService timer, UserServices services, EiderHttpServer http) {
    this.options = options;
    this.locks = locks;
    this.anchor = anchor;
    this.timer = timer;
    this.services = services;
    this.http = http;
  }

  /** Starts a server; fails with a message naming the cause if the database or port is taken. */
  public static EiderServer start(ServerOptions options) throws IOException, SQLException {
    List<DatabaseLock> locks = new ArrayList<>();
    Connection anchor = null;
    ScheduledExecutorService timer = null;
    try {
      String holder = "starting on " + options.bind() + ":" + options.port();
      for (var database : options.databases()) {
        locks.add(DatabaseLock.acquire(database, holder));
      }
      anchor = openEngine(options.engineUrl());
      CallerContext callers = new CallerContext(Caller.anonymous());
      timer = timer();
      StatementWatchdog watchdog = new StatementWatchdog(options.limits().statementTimeout(), timer);
      UserServices services = new UserServices(options.engineUrl(), new Properties(), callers, options.limits(),
          watchdog, timer);
      EiderHttpServer http = httpServer(options, callers, services);
      startListening(http, options);
      EiderServer server = new EiderServer(options, locks, anchor, timer, services, http);
      for (DatabaseLock lock : locks) {
        lock.describeHolder(server.clientUrl());
      }
      LOG.info("serving {} at {}", options.engineUrl(), server.clientUrl());
      return server;
    } catch (IOException | SQLException | RuntimeException e) {
      closeQuietly(anchor, timer, locks);
      throw e;
    }
  }

  /** Client connections open now, over all users (idle ones past the idle timeout are closed first). */
  public long openConnections() {
    return services.openConnections();
  }

  /** Requests being served now. */
  public int runningRequests() {
    return services.runningRequests();
  }

  /** The port the server listens on. */
  public int port() {
    return http.getPort();
  }

  /**
   * The JDBC URL a thin client connects with. Clients add {@code avatica_user} and {@code avatica_password}
   * when the server has users, and {@code truststore} and {@code truststore_password} for a self-signed TLS
   * certificate.
   */
  public String clientUrl() {
    StringBuilder url = new StringBuilder("jdbc:avatica:remote:url=")
        .append(options.tls() == null ? "http" : "https").append("://")
        .append(clientHost(options.bind())).append(':').append(port())
        .append(";serialization=").append(options.serialization().name().toLowerCase(Locale.ROOT));
    if (options.users() != null) {
      url.append(";authentication=").append(options.authentication().name());
    }
    return url.toString();
  }

  /** Shuts down cleanly; calling it again does nothing. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    LOG.info("shutting down: waiting up to {} for running requests", options.shutdownGrace());
    boolean clean = false;
    try {
      clean = services.shutdown(options.shutdownGrace());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (!clean) {
      LOG.warn("{} requests did not stop after cancellation; their connections stay open until the process"
          + " exits (DuckDB replays its write-ahead log at the next open)", services.runningRequests());
    }
    try {
      http.stop();
    } catch (RuntimeException e) {
      LOG.warn("stopping the HTTP listener failed: {}", e.getMessage());
    }
    closeQuietly(anchor, timer, locks);
    LOG.info("server stopped");
    stopped.countDown();
  }

  /** Blocks until {@link #close} has finished (for a command that serves until it is told to stop). */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /**
   * The thread that runs timeouts and keeps running statements' connections alive. Every request schedules such
   * tasks and cancels them when it ends; cancelled tasks leave the queue at once rather than when they were due
   * (minutes later), so the queue stays as short as the number of requests running.
   */
  private static ScheduledExecutorService timer() {
    ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, runnable -> {
      Thread thread = new Thread(runnable, "eider-server-timer");
      thread.setDaemon(true);
      return thread;
    });
    timer.setRemoveOnCancelPolicy(true);
    return timer;
  }

  private static Connection openEngine(String engineUrl) throws SQLException {
    try {
      return DriverManager.getConnection(engineUrl, new Properties());
    } catch (SQLException e) {
      String message = String.valueOf(e.getMessage());
      if (message.contains("Could not set lock") || message.contains("Conflicting lock")) {
        throw new SQLException("the database is in use by another process (another server or DuckDB"
            + " client has it open): " + message, e.getSQLState(), e);
      }
      throw new SQLException("cannot open the engine at " + engineUrl + ": " + message, e.getSQLState(), e);
    }
  }

  private static EiderHttpServer httpServer(ServerOptions options, CallerContext callers, UserServices services)
      throws IOException {
    AvaticaServerConfiguration config = null;
    UsersLoginService loginService = null;
    if (options.users() != null) {
      UserDirectory users = new UserDirectory(options.users());
      config = new UsersConfiguration(options.authentication(), users, callers);
      loginService = new UsersLoginService(users);
    }
    AvaticaHandler handler = new HandlerFactory().getHandler(services.dispatcher(), options.serialization(),
        NoopMetricsSystemConfiguration.getInstance(), config);
    return new EiderHttpServer(options.bind(), options.port(), handler, config, loginService, tls(options));
  }

  private static SslContextFactory.Server tls(ServerOptions options) throws IOException {
    if (options.tls() == null) {
      return null;
    }
    if (!Files.isReadable(options.tls().file())) {
      throw new IOException("TLS keystore " + options.tls().file() + " does not exist or is not readable");
    }
    SslContextFactory.Server factory = new SslContextFactory.Server();
    factory.setKeyStorePath(options.tls().file().toAbsolutePath().toString());
    factory.setKeyStorePassword(options.tls().password());
    factory.setKeyStoreType(options.tls().file().toString().endsWith(".jks") ? "JKS" : "PKCS12");
    return factory;
  }

  private static void startListening(EiderHttpServer http, ServerOptions options) throws IOException {
    try {
      http.start();
    } catch (RuntimeException e) {
      Throwable cause = e.getCause() != null ? e.getCause() : e;
      if (cause instanceof BindException || cause instanceof IOException) {
        throw new IOException("cannot listen on " + options.bind() + ":" + options.port() + ": "
            + cause.getMessage() + " (is another server using the port? choose another with --port)", cause);
      }
      throw e;
    }
  }

  private static String clientHost(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") ? "localhost" : bind;
  }

  private static void closeQuietly(Connection anchor, ScheduledExecutorService timer, List<DatabaseLock> locks) {
    if (anchor != null) {
      try {
        anchor.close();
      } catch (SQLException e) {
        LOG.warn("closing the engine failed: {}", e.getMessage());
      }
    }
    if (timer != null) {
      timer.shutdownNow();
    }
    for (DatabaseLock lock : locks) {
      try {
        lock.close();
      } catch (IOException e) {
        LOG.warn("releasing the database lock failed: {}", e.getMessage());
      }
    }
  }
}
