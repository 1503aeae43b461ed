package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Sixteen thin clients searching and inserting at once. */
class ConcurrentClientsTest {

  private static final int CLIENTS = 16;
  private static final int OPERATIONS_PER_CLIENT = 24;
  private static final int ROWS = 200;
  private static final long FIRST_NEW_ID = 1_000_000;

  @TempDir
  Path dir;

  @Test
  void mixedSearchesAndInsertsAllSucceedAndEveryCommittedInsertIsFound() throws Exception {
    Path database = dir.resolve("concurrent.duckdb");
    DocsTable.create(database, ROWS);
    Set<Long> committed = new HashSet<>();
    try (EiderServer server = TestServers.on(database).start(); ThinClient client = new ThinClient()) {
      List<Callable<List<Long>>> clients = new ArrayList<>();
      for (int c = 0; c < CLIENTS; c++) {
        int clientNumber = c;
        clients.add(() -> runClient(client, server.clientUrl(), clientNumber));
      }
      try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
        for (Future<List<Long>> result : pool.invokeAll(clients)) {
          committed.addAll(result.get());
        }
      }
      assertThat(committed).hasSize(CLIENTS * OPERATIONS_PER_CLIENT / 2);
      try (Connection connection = client.connect(server.clientUrl());
          Statement statement = connection.createStatement();
          ResultSet rows = statement.executeQuery("SELECT id FROM docs WHERE id >= " + FIRST_NEW_ID)) {
        Set<Long> found = new HashSet<>();
        while (rows.next()) {
          found.add(rows.getLong(1));
        }
        assertThat(found).isEqualTo(committed);
      }
    }
  }

  /** Alternates a filtered k-NN search and an insert; returns the ids it inserted. */
  private static List<Long> runClient(ThinClient client, String url, int clientNumber) throws SQLException {
    List<Long> inserted = new ArrayList<>();
    try (Connection connection = client.connect(url);
        PreparedStatement search = connection.prepareStatement(
            "SELECT id, embedding <-> ? AS dist FROM docs WHERE category = ? ORDER BY dist LIMIT 10");
        PreparedStatement insert = connection.prepareStatement(
            "INSERT INTO docs (id, title, category, pub_year, embedding) VALUES (?, ?, ?, ?, ?)")) {
      for (int op = 0; op < OPERATIONS_PER_CLIENT; op++) {
        float[] vector = DocsTable.query(clientNumber * 1000L + op);
        if (op % 2 == 0) {
          search.setString(1, DocsTable.literal(vector));
          search.setString(2, DocsTable.category(op));
          List<Double> distances = new ArrayList<>();
          try (ResultSet rows = search.executeQuery()) {
            while (rows.next()) {
              distances.add(rows.getDouble(2));
            }
          }
          assertThat(distances).hasSize(10).isSorted();
        } else {
          long id = FIRST_NEW_ID + clientNumber * 1000L + op;
          insert.setLong(1, id);
          insert.setString(2, "new " + id);
          insert.setString(3, DocsTable.category(id));
          insert.setInt(4, DocsTable.year(id));
          insert.setString(5, DocsTable.literal(vector));
          assertThat(insert.executeUpdate()).isEqualTo(1);
          inserted.add(id);
        }
      }
    }
    return inserted;
  }
}
