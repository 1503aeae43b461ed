package dev.eider.server.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.apache.calcite.avatica.jdbc.JdbcMeta;
import org.apache.calcite.avatica.remote.Driver;
import org.apache.calcite.avatica.remote.LocalService;
import org.apache.calcite.avatica.server.HttpServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Vector columns read through a real Avatica server and thin client (see {@link EiderResultSet}). */
class AvaticaArrayTest {
  @TempDir Path dir;

  @Test
  void vectorColumnsCrossTheAvaticaServer() throws SQLException {
    Path file = dir.resolve("a.duckdb");
    try (Connection duck = DriverManager.getConnection("jdbc:duckdb:" + file)) {
      Sql.update(duck, "CREATE TABLE t (id INTEGER, emb FLOAT[3])");
      Sql.update(duck, "INSERT INTO t VALUES (1, [0.5, 1.5, -2])");
    }
    HttpServer server = new HttpServer.Builder<>()
        .withHandler(new LocalService(new JdbcMeta("jdbc:eider:duckdb=" + file)),
            Driver.Serialization.PROTOBUF)
        .withPort(0)
        .build();
    server.start();
    try (Connection client = DriverManager.getConnection("jdbc:avatica:remote:url=http://localhost:"
            + server.getPort() + ";serialization=protobuf");
        ResultSet rows = client.createStatement().executeQuery(
            "SELECT id, emb, emb <-> ARRAY[0.5, 1.5, -2] FROM t")) {
      assertThat(rows.next()).isTrue();
      Object[] vector = (Object[]) rows.getArray(2).getArray();
      assertThat(vector).containsExactly(0.5f, 1.5f, -2f);
      assertThat(rows.getDouble(3)).isZero();
    } finally {
      server.stop();
    }
  }
}
