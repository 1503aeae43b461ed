package dev.eider.server.index;

import static dev.eider.server.index.IndexFixture.INDEX_OPTIONS;
import static dev.eider.server.index.IndexFixture.count;
import static dev.eider.server.index.IndexFixture.execute;
import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.adapter.index.IndexState;
import dev.eider.adapter.index.VectorIndex;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A child JVM changes an indexed table through Eider while this test kills it with SIGKILL at random
 * moments (sometimes inside VACUUM INDEX or a background merge), several times. After each restart every
 * committed change is in the table and the index, the index holds nothing the table lacks, and recall
 * against DuckDB's exact search stays high.
 */
class CrashSafetyTest {
  private static final int ROUNDS = 3;

  @TempDir Path dir;

  @Test
  void killedWritersLoseNoCommittedChangeAndLeaveAConsistentIndex() throws Exception {
    Path file = dir.resolve("crash.duckdb");
    IndexFixture.createDocs(file, 300, 11);
    try (Connection eider = IndexFixture.eider(file)) {
      execute(eider, "CREATE INDEX docs_emb ON docs USING LM_DISKANN (emb) " + INDEX_OPTIONS);
    }
    Set<Long> present = new HashSet<>();
    for (long i = 0; i < 300; i++) {
      present.add(i);
    }
    Random random = new Random(12);
    for (int round = 0; round < ROUNDS; round++) {
      Long uncertain = runAndKill(file, round, 15 + random.nextInt(60), present);
      try (Connection eider = IndexFixture.eider(file)) {
        VectorIndex index = IndexFixture.index(eider, "docs_emb");
        IndexFixture.awaitBackground(eider);
        assertThat(index.state()).isEqualTo(IndexState.READY);
        DmlMaintenanceTest.assertIndexMatchesTable(eider, index);
        try (Connection duck = IndexFixture.duck(eider)) {
          for (long id : present) {
            if (uncertain == null || id != uncertain) {
              assertThat(count(duck, "SELECT count(*) FROM docs WHERE id = " + id))
                  .as("committed row %d", id).isEqualTo(1);
            }
          }
          assertThat(count(duck, "SELECT count(*) FROM docs")).isBetween(
              (long) present.size() - 1, (long) present.size() + 1);
        }
        assertThat(IndexFixture.recall(eider, index, 20, 10, round)).isGreaterThan(0.85);
        if (uncertain != null) {
          boolean there;
          try (Connection duck = IndexFixture.duck(eider)) {
            there = count(duck, "SELECT count(*) FROM docs WHERE id = " + uncertain) == 1;
          }
          if (there) {
            present.add(uncertain);
          } else {
            present.remove(uncertain);
          }
        }
      }
    }
  }

  /**
   * Runs the worker until it confirmed {@code operations} statements, kills it, applies the confirmed
   * inserts and deletes to {@code present}; returns the id of a statement begun but not confirmed.
   */
  private static Long runAndKill(Path file, int round, int operations, Set<Long> present)
      throws IOException, InterruptedException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> command = new ArrayList<>(List.of(java, "--enable-native-access=ALL-UNNAMED",
        "--add-modules", "jdk.incubator.vector", "--sun-misc-unsafe-memory-access=allow",
        "-Deider.index.mergeBlocks=400", "-cp", System.getProperty("java.class.path"),
        CrashWorker.class.getName(), file.toString(), Long.toString(100 + round)));
    Path errors = file.resolveSibling("worker-" + round + ".err");
    Process child = new ProcessBuilder(command).redirectError(errors.toFile()).start();
    BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    Thread reader = Thread.ofPlatform().daemon().start(() -> {
      try (BufferedReader out = new BufferedReader(
          new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line = out.readLine(); line != null; line = out.readLine()) {
          lines.add(line);
        }
      } catch (IOException e) {
        lines.add("EOF " + e.getMessage());
      }
      lines.add("EOF");
    });
    Long begun = null;
    int confirmed = 0;
    while (confirmed < operations) {
      String line = lines.poll(120, TimeUnit.SECONDS);
      if (line == null || line.startsWith("EOF")) {
        throw new AssertionError("worker " + round + " died by itself: " + Files.readString(errors));
      }
      String[] parts = line.split(" ");
      long id = Long.parseLong(parts[2]);
      if (parts[0].equals("BEGIN")) {
        begun = parts[1].equals("V") ? null : id;
      } else {
        confirmed++;
        begun = null;
        apply(parts[1], id, present);
      }
    }
    child.destroyForcibly();
    child.waitFor();
    reader.join();
    for (String line : lines) {
      if (line.startsWith("EOF")) {
        continue;
      }
      String[] parts = line.split(" ");
      long id = Long.parseLong(parts[2]);
      if (parts[0].equals("BEGIN")) {
        begun = parts[1].equals("V") ? null : id;
      } else {
        begun = null;
        apply(parts[1], id, present);
      }
    }
    return begun;
  }

  private static void apply(String op, long id, Set<Long> present) {
    if (op.equals("I")) {
      present.add(id);
    } else if (op.equals("D")) {
      present.remove(id);
    }
  }
}
