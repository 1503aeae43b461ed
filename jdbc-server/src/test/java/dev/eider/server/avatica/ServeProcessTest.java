package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code ./eider serve} as real processes: one serves, a second on the same file fails, SIGTERM shuts down cleanly. */
class ServeProcessTest {

  private static final String READY = "Eider server ready: ";

  @TempDir
  Path dir;

  @Test
  void aSecondServerFailsAtOnceAndSigtermLeavesACheckpointedDatabase() throws Exception {
    Path database = dir.resolve("served.duckdb");
    DocsTable.create(database, 10);
    Path config = dir.resolve("server.properties");
    Files.writeString(config, "port=0\nbind=127.0.0.1\nmax-connections=4\n");

    Process first = serve("--duckdb", database.toString(), "--config", config.toString());
    try (ThinClient client = new ThinClient()) {
      String url = awaitReady(first);
      assertThat(url).startsWith("jdbc:avatica:remote:url=http://127.0.0.1:").doesNotContain(":8765;");
      try (Connection connection = client.connect(url); Statement statement = connection.createStatement()) {
        assertThat(statement.executeUpdate("INSERT INTO docs VALUES (99, 'durable', 'news', 2020, NULL)")).isEqualTo(1);
      }

      Process second = serve("--duckdb", database.toString(), "--port", "0");
      assertThat(second.waitFor(60, TimeUnit.SECONDS)).as("the second server exits").isTrue();
      assertThat(second.exitValue()).isNotZero();
      assertThat(new String(second.getErrorStream().readAllBytes(), StandardCharsets.UTF_8))
          .contains("is already served by another Eider server").contains("pid " + first.pid()).contains(url);

      first.destroy();
      assertThat(first.waitFor(60, TimeUnit.SECONDS)).as("SIGTERM stops the server").isTrue();
    } finally {
      first.destroyForcibly();
    }
    assertThat(dir.resolve("served.duckdb.wal")).as("checkpointed on shutdown").doesNotExist();
    assertThat(dir.resolve("served.duckdb.serve.lock")).doesNotExist();
    try (Connection connection = DriverManager.getConnection("jdbc:duckdb:" + database);
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT title FROM docs WHERE id = 99")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("durable");
    }
  }

  private static Process serve(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "--enable-native-access=ALL-UNNAMED", "--add-modules", "jdk.incubator.vector",
        "-cp", System.getProperty("java.class.path"), "dev.eider.server.cli.EiderCli", "serve"));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).start();
  }

  /** Reads the server's standard output until it prints its URL; fails with its error output if it exits. */
  private static String awaitReady(Process process) throws Exception {
    CompletableFuture<String> errors = CompletableFuture.supplyAsync(() -> {
      try {
        return new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
      } catch (IOException e) {
        return e.toString();
      }
    });
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      if (line.startsWith(READY)) {
        return line.substring(READY.length());
      }
    }
    process.waitFor(30, TimeUnit.SECONDS);
    throw new AssertionError("the server exited before it was ready: " + errors.get(30, TimeUnit.SECONDS));
  }
}
