package dev.eider.adapter;

import dev.eider.adapter.duckdb.DuckDbDatabase;
import dev.eider.adapter.duckdb.DuckDbSession;
import dev.eider.adapter.index.SysSchema;
import dev.eider.adapter.sql.EiderSqlDialect;
import java.io.File;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import org.apache.calcite.adapter.jdbc.JdbcConvention;
import org.apache.calcite.adapter.jdbc.JdbcSchema;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.schema.Schema;
import org.apache.calcite.schema.SchemaFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Schemas;

/**
 * Creates a {@link DuckDbSchema} from a model.json entry:
 *
 * <pre>{"type": "custom", "factory": "dev.eider.adapter.DuckDbSchemaFactory",
 *  "operand": {"path": "data/eider.duckdb", "schema": "main"}}</pre>
 *
 * <p>A relative {@code path} is resolved against the model file's folder (or the {@code eider.home}
 * system property for inline models); the file is created if missing. {@code schema} defaults to
 * {@code main}. The database is opened through the {@link DuckDbSession} the Eider driver binds to
 * {@link #SESSION} while it loads a model, so all connections share one DuckDB instance per file.
 */
public final class DuckDbSchemaFactory implements SchemaFactory {
  /**
   * The session of the connection whose model is being loaded. A scoped value (bound only for the
   * duration of the load, immutable otherwise) because Calcite instantiates factories by reflection
   * and offers no other way to hand them the connection's state.
   */
  public static final ScopedValue<DuckDbSession> SESSION = ScopedValue.newInstance();

  public DuckDbSchemaFactory() {}

  @Override
  public Schema create(SchemaPlus parentSchema, String name, Map<String, Object> operand) {
    if (!SESSION.isBound()) {
      throw new IllegalStateException("DuckDbSchemaFactory works inside the Eider driver: connect "
          + "with jdbc:eider:model=<model.json> instead of jdbc:calcite:");
    }
    Object path = operand.get("path");
    if (!(path instanceof String pathText) || pathText.isBlank()) {
      throw new IllegalArgumentException(
          "Schema '" + name + "' needs an operand \"path\" naming the DuckDB database file");
    }
    Object duckDbSchema = operand.getOrDefault("schema", "main");
    Path file = resolve(pathText, operand.get("baseDirectory"));
    try {
      DuckDbDatabase database = SESSION.get().open(file);
      return create(parentSchema, name, database, String.valueOf(duckDbSchema));
    } catch (SQLException e) {
      throw new IllegalStateException(
          "Cannot open DuckDB database " + file + " for schema '" + name + "': " + e.getMessage(), e);
    }
  }

  /** A schema named {@code name} under {@code parentSchema} over {@code duckDbSchema} of a database. */
  public static DuckDbSchema create(SchemaPlus parentSchema, String name, DuckDbDatabase database,
      String duckDbSchema) {
    Expression expression = Schemas.subSchemaExpression(parentSchema, name, JdbcSchema.class);
    SysSchema sys = sysSchema(parentSchema);
    sys.indexes().add(database.indexes());
    EiderSqlDialect dialect = EiderSqlDialect.DEFAULT;
    JdbcConvention convention = new DuckDbConvention(dialect, expression, name);
    return new DuckDbSchema(database, dialect, convention, duckDbSchema);
  }

  /** The connection's {@code sys} schema, added beside the first DuckDB schema. */
  private static SysSchema sysSchema(SchemaPlus parentSchema) {
    SchemaPlus existing = parentSchema.subSchemas().get(SysSchema.NAME);
    if (existing != null) {
      SysSchema sys = existing.unwrap(SysSchema.class);
      if (sys != null) {
        return sys;
      }
    }
    SysSchema sys = new SysSchema();
    parentSchema.add(SysSchema.NAME, sys);
    return sys;
  }

  private static Path resolve(String path, Object baseDirectory) {
    Path file = Path.of(path);
    if (file.isAbsolute()) {
      return file;
    }
    if (baseDirectory instanceof File base && !base.getPath().isEmpty()) {
      return base.toPath().resolve(file);
    }
    String home = System.getProperty("eider.home");
    return home != null ? Path.of(home).resolve(file) : file.toAbsolutePath();
  }
}
