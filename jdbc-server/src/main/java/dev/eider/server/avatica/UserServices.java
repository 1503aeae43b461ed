package dev.eider.server.avatica;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.remote.Service;

/**
 * The Avatica service the HTTP handler calls: it passes each request to the {@link LocalService} of the
 * request's caller, each over its own {@link EiderMeta}, created on the caller's first request.
 */
final class UserServices {

  private final String engineUrl;
  private final Properties engineInfo;
  private final CallerContext callers;
  private final ServerLimits limits;
  private final StatementWatchdog watchdog;
  private final ScheduledExecutorService timer;
  private final ConnectionBudget budget;
  private final Map<String, EiderMeta> metas = new ConcurrentHashMap<>();
  private final Map<String, Service> services = new ConcurrentHashMap<>();
  private final InFlightRequests inFlight = new InFlightRequests();
  private volatile Service.RpcMetadataResponse rpcMetadata;

  UserServices(String engineUrl, Properties engineInfo, CallerContext callers, ServerLimits limits,
      StatementWatchdog watchdog, ScheduledExecutorService timer) {
    this.engineUrl = engineUrl;
    this.engineInfo = engineInfo;
    this.callers = callers;
    this.limits = limits;
    this.watchdog = watchdog;
    this.timer = timer;
    this.budget = new ConnectionBudget(limits.maxConnections(), this::openConnections);
  }

  /** A {@link Service} that dispatches every request to the current caller's own service. */
  Service dispatcher() {
    return (Service) Proxy.newProxyInstance(Service.class.getClassLoader(), new Class<?>[] {Service.class},
        (proxy, method, args) -> dispatch(method, args));
  }

  /** Requests being served now. */
  int runningRequests() {
    return inFlight.running();
  }

  /** Open connections over all users. */
  long openConnections() {
    return metas.values().stream().mapToLong(EiderMeta::openConnections).sum();
  }

  /**
   * Stops taking requests, gives running ones {@code grace} to finish, cancels those still running and waits
   * as long again, then closes every connection. If a statement ignores the cancel (the engine may not pass a
   * cancel down to DuckDB), its connections are left open rather than blocking shutdown: DuckDB's write-ahead
   * log keeps every commit, and the next open replays it.
   *
   * @return true if every request finished and every connection was closed
   */
  boolean shutdown(Duration grace) throws InterruptedException {
    if (!inFlight.closeAndAwait(grace)) {
      metas.values().forEach(EiderMeta::cancelAll);
      if (!inFlight.closeAndAwait(grace)) {
        return false;
      }
    }
    metas.values().forEach(EiderMeta::closeAll);
    return true;
  }

  private Object dispatch(Method method, Object[] args) throws Throwable {
    if (method.getName().equals("setRpcMetadata")) {
      rpcMetadata = (Service.RpcMetadataResponse) args[0];
      services.values().forEach(service -> service.setRpcMetadata(rpcMetadata));
      return null;
    }
    inFlight.enter();
    try {
      return method.invoke(serviceOf(callers.current()), args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    } finally {
      inFlight.exit();
    }
  }

  private Service serviceOf(Caller caller) {
    return services.computeIfAbsent(caller.name(), name -> {
      Service service = new LocalService(metas.computeIfAbsent(name, this::newMeta));
      if (rpcMetadata != null) {
        service.setRpcMetadata(rpcMetadata);
      }
      return service;
    });
  }

  private EiderMeta newMeta(String user) {
    try {
      return new EiderMeta(engineUrl, engineInfo, callers, limits, budget, watchdog, timer);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot serve user " + user + ": " + e.getMessage(), e);
    }
  }
}
