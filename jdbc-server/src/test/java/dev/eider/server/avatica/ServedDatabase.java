package dev.eider.server.avatica;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Properties;

/** A test server on one DuckDB file with a thin client for it; closing stops both. */
record ServedDatabase(EiderServer server, ThinClient client) implements AutoCloseable {

  static ServedDatabase start(Path database) throws Exception {
    return new ServedDatabase(TestServers.on(database).start(), new ThinClient());
  }

  /** A server on a new database {@code file} holding DocsTable's rows and its LM_DISKANN index. */
  static ServedDatabase startIndexedDocs(Path file, int rows) throws Exception {
    DocsTable.create(file, rows);
    DocsTable.createIndex(file);
    return start(file);
  }

  /** A thin-client connection to the server. */
  Connection connect() throws SQLException {
    return client.connect(server.clientUrl());
  }

  /** A thin-client connection with {@code properties}. */
  Connection connect(Properties properties) throws SQLException {
    return client.connect(server.clientUrl(), properties);
  }

  @Override
  public void close() throws Exception {
    server.close();
    client.close();
  }
}
