package dev.eider.adapter.duckdb;

import dev.eider.adapter.embed.DuckDbEmbedFunction;
import dev.eider.adapter.embed.TextEmbedders;
import dev.eider.adapter.index.IndexRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;
import javax.sql.DataSource;
import org.duckdb.DuckDBConnection;
import org.duckdb.DuckDBDriver;

/**
 * One open DuckDB database file. Every Eider connection and every pushed-down statement works on a
 * {@link DuckDBConnection#duplicate() duplicate} of one root connection, so they all share a single
 * DuckDB instance (one buffer pool, one write-ahead log, one lock on the file).
 */
public final class DuckDbDatabase implements AutoCloseable {
  private final Path file;
  private final DuckDBConnection root;
  private final DataSource dataSource;
  private final IndexRegistry indexes = new IndexRegistry();

  private DuckDbDatabase(Path file, DuckDBConnection root) {
    this.file = file;
    this.root = root;
    this.dataSource = new DuckDbDataSource(this);
  }

  /** Opens (creating if missing) the database file. */
  public static DuckDbDatabase open(Path file) throws SQLException {
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null && !parent.toFile().isDirectory() && !parent.toFile().mkdirs()) {
      throw new SQLException("Cannot create the folder " + parent + " for DuckDB database " + file);
    }
    Connection connection = new DuckDBDriver().connect("jdbc:duckdb:" + file, new Properties());
    if (connection == null) {
      throw new SQLException("DuckDB refused to open " + file);
    }
    DuckDBConnection root = connection.unwrap(DuckDBConnection.class);
    // embed() runs inside DuckDB when pushed down; the models load on first use.
    DuckDbEmbedFunction.register(
        root, TextEmbedders.fromClassPath(DuckDbDatabase.class.getClassLoader()));
    return new DuckDbDatabase(file, root);
  }

  public Path file() {
    return file;
  }

  /** A new connection to this database; the caller closes it. */
  public Connection connect() throws SQLException {
    return root.duplicate();
  }

  /** The LM-DiskANN indexes of this database. */
  public IndexRegistry indexes() {
    return indexes;
  }

  /** A data source whose connections are {@link #connect()} connections. */
  public DataSource dataSource() {
    return dataSource;
  }

  @Override
  public void close() throws SQLException {
    root.close();
  }

  @Override
  public String toString() {
    return "DuckDbDatabase[" + file + "]";
  }
}
