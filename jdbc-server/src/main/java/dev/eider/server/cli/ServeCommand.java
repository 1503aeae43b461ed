package dev.eider.server.cli;

import dev.eider.embedding.demo.BuildProgress;
import dev.eider.embedding.demo.DemoDatabase;
import dev.eider.server.avatica.EiderServer;
import dev.eider.server.avatica.ServerLimits;
import dev.eider.server.avatica.ServerOptions;
import java.io.IOException;
import java.io.Reader;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code ./eider serve}: the Avatica JDBC server over the embedded engine, until SIGTERM or Ctrl-C. */
@Command(name = "serve", mixinStandardHelpOptions = true, sortOptions = false,
    description = {"Serves the embedded engine to JDBC clients over Avatica (HTTP, protobuf by default).",
        "Prints the JDBC URL for clients once it accepts connections; stops cleanly on SIGTERM or Ctrl-C."})
public final class ServeCommand implements Callable<Integer> {

  @Spec
  private CommandSpec spec;

  @ArgGroup(exclusive = true)
  private Source source;

  private static final class Source {
    @Option(names = "--duckdb", paramLabel = "FILE", description = "Serve this DuckDB database file.")
    Path duckdb;

    @Option(names = "--model", paramLabel = "FILE",
        description = "Serve this Calcite model (default: model.json in the Eider folder).")
    Path model;

    @Option(names = "--engine-url", paramLabel = "URL",
        description = "Serve any JDBC URL, e.g. jdbc:eider:model=... with extra properties.")
    String engineUrl;
  }

  @Option(names = "--config", paramLabel = "FILE",
      description = "Read option defaults from this properties file (keys are option names without"
          + " '--', e.g. port=8765); options on the command line win.")
  private Path config;

  @Option(names = "--port", defaultValue = "8765", description = "Port to listen on, 0 for any (default: ${DEFAULT-VALUE}).")
  private int port;

  @Option(names = "--bind", defaultValue = "127.0.0.1",
      description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 for all interfaces).")
  private String bind;

  @Option(names = "--serialization", defaultValue = "protobuf",
      description = "Wire format: protobuf or json (default: ${DEFAULT-VALUE}).")
  private String serialization;

  @Option(names = "--users", paramLabel = "FILE",
      description = "Users file (./eider user add): clients must log in. Without it, no authentication.")
  private Path users;

  @Option(names = "--auth", defaultValue = "basic",
      description = "basic or digest, when there is a users file (default: ${DEFAULT-VALUE}).")
  private String auth;

  @Option(names = "--tls-keystore", paramLabel = "FILE", description = "PKCS12 or JKS keystore: serve HTTPS.")
  private Path tlsKeystore;

  @Option(names = "--tls-password", paramLabel = "PASSWORD",
      description = "Password of the keystore (prefer the config file: command lines are visible to other users).")
  private String tlsPassword;

  @Option(names = "--max-connections", defaultValue = "64",
      description = "Open JDBC connections over all clients, 0 for no limit (default: ${DEFAULT-VALUE}).")
  private int maxConnections;

  @Option(names = "--statement-timeout", defaultValue = "0", converter = DurationConverter.class,
      description = "Cancel a statement executing or fetching longer than this, e.g. 30s; 0 for none"
          + " (default: ${DEFAULT-VALUE}).")
  private Duration statementTimeout;

  @Option(names = "--max-rows", defaultValue = "0",
      description = "Cut results off after this many rows, 0 for no limit (default: ${DEFAULT-VALUE}).")
  private long maxRows;

  @Option(names = "--idle-timeout", defaultValue = "10m", converter = DurationConverter.class,
      description = "Close a client connection unused this long (default: ${DEFAULT-VALUE}).")
  private Duration idleTimeout;

  @Option(names = "--shutdown-grace", defaultValue = "30s", converter = DurationConverter.class,
      description = "On SIGTERM, wait this long for running statements before cancelling them"
          + " (default: ${DEFAULT-VALUE}).")
  private Duration shutdownGrace;

  @Option(names = "--insecure-no-auth",
      description = "Allow serving a non-loopback address without --users (anyone who can reach it gets full access).")
  private boolean insecureNoAuth;

  @Override
  public Integer call() throws Exception {
    if (config != null) {
      return withConfigFile().run();
    }
    return run();
  }

  private Integer run() throws IOException, SQLException, InterruptedException {
    ServerOptions options = options();
    EiderServer server = EiderServer.start(options);
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "eider-shutdown"));
    System.out.println("Eider server ready: " + server.clientUrl());
    if (options.users() != null) {
      System.out.println("Clients log in with ;avatica_user=NAME;avatica_password=PASSWORD appended to the URL.");
    }
    System.out.flush();
    server.awaitStop();
    return 0;
  }

  /** This command parsed again with the config file's values as defaults under the command line's. */
  private ServeCommand withConfigFile() throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(config, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IOException("cannot read config file " + config + ": " + e.getMessage(), e);
    }
    Set<String> known = spec.options().stream().map(OptionSpec::longestName)
        .map(name -> name.replaceFirst("^-+", "")).collect(Collectors.toSet());
    Set<String> unknown = new TreeSet<>(properties.stringPropertyNames());
    unknown.removeAll(known);
    unknown.remove("config");
    if (!unknown.isEmpty()) {
      throw new CommandLine.ParameterException(spec.commandLine(), "config file " + config
          + " has unknown keys " + unknown + "; known keys: " + new TreeSet<>(known));
    }
    ServeCommand reparsed = new ServeCommand();
    CommandLine commandLine = new CommandLine(reparsed);
    commandLine.setDefaultValueProvider(new CommandLine.PropertiesDefaultProvider(properties));
    List<String> args = spec.commandLine().getParseResult().originalArgs();
    commandLine.parseArgs(args.subList(args.indexOf(spec.name()) + 1, args.size()).toArray(String[]::new));
    reparsed.config = null;
    return reparsed;
  }

  private ServerOptions options() throws IOException {
    ServedDatabase database = servedDatabase();
    if (users == null && !isLoopback(bind) && !insecureNoAuth) {
      throw new CommandLine.ParameterException(spec.commandLine(), "refusing to serve " + bind
          + " without --users: anyone who reaches it could read and change all data. Add users with"
          + " ./eider user add and pass --users FILE, or pass --insecure-no-auth.");
    }
    if ((tlsKeystore == null) != (tlsPassword == null)) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "--tls-keystore and --tls-password go together");
    }
    ServerLimits limits = new ServerLimits(maxConnections, maxRows, statementTimeout, idleTimeout);
    return new ServerOptions(database.engineUrl(), database.files(), bind, port, serialization(), users,
        authentication(), tlsKeystore == null ? null : new ServerOptions.TlsKeystore(tlsKeystore, tlsPassword),
        limits, shutdownGrace);
  }

  private ServedDatabase servedDatabase() throws IOException {
    if (source != null && source.duckdb != null) {
      return ServedDatabase.duckdb(source.duckdb);
    }
    if (source != null && source.engineUrl != null) {
      return ServedDatabase.url(source.engineUrl);
    }
    if (source != null && source.model != null) {
      return ServedDatabase.model(source.model);
    }
    ModelFile model = ModelFile.inHome();
    createDemoDatabaseIfMissing(model.databaseFile());
    return ServedDatabase.model(model.file());
  }

  /** The default model's database is the demo database: built on first use (minutes, with progress). */
  private static void createDemoDatabaseIfMissing(Path database) throws IOException {
    try {
      DemoDatabase.ensure(database, BuildProgress.consoleBar());
      DemoIndex.ensure(database);
    } catch (SQLException e) {
      throw new IOException("cannot create the demo database " + database + ": " + e.getMessage(), e);
    }
  }

  private Serialization serialization() {
    return switch (serialization.strip().toLowerCase(Locale.ROOT)) {
      case "protobuf" -> Serialization.PROTOBUF;
      case "json" -> Serialization.JSON;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--serialization must be protobuf or json, not '" + serialization + "'");
    };
  }

  private ServerOptions.Authentication authentication() {
    return switch (auth.strip().toLowerCase(Locale.ROOT)) {
      case "basic" -> ServerOptions.Authentication.BASIC;
      case "digest" -> ServerOptions.Authentication.DIGEST;
      default -> throw new CommandLine.ParameterException(spec.commandLine(),
          "--auth must be basic or digest, not '" + auth + "'");
    };
  }

  private static boolean isLoopback(String address) {
    try {
      return InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
