package dev.eider.server.index;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * The child process of {@link CrashSafetyTest}: inserts, updates and deletes rows of the indexed table
 * {@code docs} through Eider (autocommit) and runs VACUUM INDEX now and then, forever. Before each
 * statement it prints {@code BEGIN <op> <id>}, after its commit {@code OK <op> <id>}, so the parent
 * knows which changes are committed when it kills this process.
 */
public final class CrashWorker {
  private CrashWorker() {}

  public static void main(String[] args) throws Exception {
    Path file = Path.of(args[0]);
    Random random = new Random(Long.parseLong(args[1]));
    try (Connection eider = IndexFixture.eider(file)) {
      List<Long> live = new ArrayList<>();
      long next = 0;
      try (Statement s = eider.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM docs")) {
        while (rs.next()) {
          live.add(rs.getLong(1));
          next = Math.max(next, rs.getLong(1) + 1);
        }
      }
      try (PreparedStatement insert = eider.prepareStatement(
              "INSERT INTO docs (id, cat, emb) VALUES (?, 'crash', CAST(? AS FLOAT[16]))");
          PreparedStatement update = eider.prepareStatement(
              "UPDATE docs SET emb = CAST(? AS FLOAT[16]) WHERE id = ?");
          PreparedStatement delete = eider.prepareStatement("DELETE FROM docs WHERE id = ?")) {
        for (int step = 0; ; step++) {
          int dice = random.nextInt(10);
          if (step % 40 == 39) {
            System.out.println("BEGIN V -1");
            try (Statement s = eider.createStatement()) {
              s.execute("VACUUM INDEX docs_emb");
            }
            System.out.println("OK V -1");
          } else if (dice < 5 || live.size() < 50) {
            long id = next++;
            System.out.println("BEGIN I " + id);
            insert.setLong(1, id);
            insert.setString(2, IndexFixture.text(IndexFixture.vector(random)));
            insert.executeUpdate();
            live.add(id);
            System.out.println("OK I " + id);
          } else if (dice < 8) {
            long id = live.get(random.nextInt(live.size()));
            System.out.println("BEGIN U " + id);
            update.setString(1, IndexFixture.text(IndexFixture.vector(random)));
            update.setLong(2, id);
            update.executeUpdate();
            System.out.println("OK U " + id);
          } else {
            long id = live.remove(random.nextInt(live.size()));
            System.out.println("BEGIN D " + id);
            delete.setLong(1, id);
            delete.executeUpdate();
            System.out.println("OK D " + id);
          }
          System.out.flush();
        }
      }
    }
  }
}
