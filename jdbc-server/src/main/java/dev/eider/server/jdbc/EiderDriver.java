package dev.eider.server.jdbc;

import dev.eider.adapter.DuckDbSchemaFactory;
import dev.eider.adapter.duckdb.DuckDbDatabases;
import dev.eider.adapter.duckdb.DuckDbSession;
import dev.eider.adapter.parser.EiderSqlParserFactory;
import dev.eider.planner.EiderPrepare;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.ConnectStringParser;
import org.apache.calcite.avatica.Handler;
import org.apache.calcite.avatica.HandlerImpl;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.jdbc.Driver;
import org.apache.calcite.util.JsonBuilder;

/**
 * The embedded Eider JDBC driver. URLs:
 *
 * <ul>
 *   <li>{@code jdbc:eider:model=FILE} — a Calcite model (DuckDB schemas come from
 *       {@code dev.eider.adapter.DuckDbSchemaFactory});
 *   <li>{@code jdbc:eider:duckdb=FILE} — one schema {@code main} over that DuckDB file (created if
 *       missing), the default schema;
 *   <li>{@code jdbc:eider:} — the {@code model.json} in {@code eider.home} (the launcher sets it to the
 *       repository root), else in the working directory.
 * </ul>
 *
 * <p>Property {@code search_l} (in the URL, {@code jdbc:eider:duckdb=FILE;search_l=200}, or in the
 * {@code Properties}) sets the beam width of LM-DiskANN scans that have no hint.
 *
 * <p>Identifiers follow DuckDB/PostgreSQL: unquoted names match case-insensitively, quoted names
 * exactly, and the catalog's spelling is kept. Any property can still be overridden in the URL.
 *
 * <p>The driver owns the registry of open DuckDB databases. A JDBC driver is a process-wide singleton
 * by nature (DriverManager loads it once through {@code META-INF/services}), which is what makes "one
 * DuckDB instance per file per process" hold without any static state.
 */
public class EiderDriver extends Driver {
  public static final String PREFIX = "jdbc:eider:";
  /** URL property naming a DuckDB file to expose as schema {@code main}. */
  public static final String DUCKDB_PROPERTY = "duckdb";

  static {
    // The JDBC contract: a driver registers one instance with DriverManager when its class loads.
    new EiderDriver().register();
  }

  private final DuckDbDatabases databases = new DuckDbDatabases();
  private final Map<AvaticaConnection, DuckDbSession> sessions = new ConcurrentHashMap<>();

  public EiderDriver() {
    super(EiderPrepare::new);
  }

  /** The DuckDB databases this driver has open. */
  public DuckDbDatabases databases() {
    return databases;
  }

  @Override
  protected String getConnectStringPrefix() {
    return PREFIX;
  }

  @Override
  protected String getFactoryClassName(JdbcVersion jdbcVersion) {
    return EiderJdbcFactory.class.getName();
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    if (!acceptsURL(url)) {
      return null;
    }
    Properties properties = defaultProperties();
    if (info != null) {
      properties.putAll(info);
    }
    properties.putAll(ConnectStringParser.parse(url.substring(PREFIX.length())));
    chooseModel(properties);
    try {
      EiderPrepare.defaultSearchL(properties);
    } catch (IllegalArgumentException e) {
      throw new SQLException(e.getMessage(), e);
    }
    return super.connect(PREFIX, properties);
  }

  @Override
  public Meta createMeta(AvaticaConnection connection) {
    return new EiderMeta(connection);
  }

  @Override
  protected Handler createHandler() {
    Handler calcite = super.createHandler();
    return new HandlerImpl() {
      @Override
      public void onConnectionInit(AvaticaConnection connection) throws SQLException {
        DuckDbSession session = new DuckDbSession(databases);
        sessions.put(connection, session);
        try {
          ScopedValue.where(DuckDbSchemaFactory.SESSION, session)
              .call(() -> {
                calcite.onConnectionInit(connection);
                return null;
              });
        } catch (SQLException | RuntimeException e) {
          sessions.remove(connection);
          session.close();
          throw e instanceof SQLException sql ? sql
              : new SQLException("Cannot open the Eider connection: " + e.getMessage(), e);
        }
      }

      @Override
      public void onConnectionClose(AvaticaConnection connection) {
        calcite.onConnectionClose(connection);
        DuckDbSession session = sessions.remove(connection);
        if (session != null) {
          try {
            session.close();
          } catch (SQLException e) {
            throw new IllegalStateException("Closing the DuckDB database failed: " + e.getMessage(), e);
          }
        }
      }
    };
  }

  /** DuckDB/PostgreSQL identifier rules and Eider's SQL dialect; the URL may override them. */
  private static Properties defaultProperties() {
    Properties properties = new Properties();
    properties.setProperty("caseSensitive", "false");
    properties.setProperty("unquotedCasing", "UNCHANGED");
    properties.setProperty("quotedCasing", "UNCHANGED");
    properties.setProperty("parserFactory", EiderSqlParserFactory.class.getName());
    return properties;
  }

  private static void chooseModel(Properties properties) throws SQLException {
    String duckdb = (String) properties.remove(DUCKDB_PROPERTY);
    if (duckdb != null) {
      if (properties.getProperty("model") != null) {
        throw new SQLException("Give either model=... or duckdb=... in an Eider URL, not both");
      }
      properties.setProperty("model", inlineModel(Path.of(duckdb).toAbsolutePath()));
      return;
    }
    if (properties.getProperty("model") == null) {
      String home = System.getProperty("eider.home", System.getProperty("user.dir"));
      Path model = Path.of(home, "model.json");
      if (!Files.isRegularFile(model)) {
        throw new SQLException("jdbc:eider: without a database uses " + model + ", which does not "
            + "exist; use jdbc:eider:duckdb=<file.duckdb> or jdbc:eider:model=<model.json>");
      }
      properties.setProperty("model", model.toString());
    }
  }

  private static String inlineModel(Path file) {
    JsonBuilder json = new JsonBuilder();
    Map<String, Object> operand = json.map();
    operand.put("path", file.toString());
    operand.put("schema", "main");
    Map<String, Object> schema = json.map();
    schema.put("name", "main");
    schema.put("type", "custom");
    schema.put("factory", DuckDbSchemaFactory.class.getName());
    schema.put("operand", operand);
    Map<String, Object> root = json.map();
    root.put("version", "1.0");
    root.put("defaultSchema", "main");
    root.put("schemas", List.of(schema));
    return "inline:" + json.toJsonString(root);
  }
}
