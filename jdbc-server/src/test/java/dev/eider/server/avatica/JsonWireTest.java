package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JSON wire format, and requests the Java thin client does not send: unknown ids, garbage, a client trying
 * to re-point the engine with its own connection properties, a close of a statement while it runs.
 */
class JsonWireTest {

  @TempDir
  static Path dir;

  private static EiderServer server;
  private static ThinClient client;
  private static HttpClient http;

  @BeforeAll
  static void startServer() throws Exception {
    Path database = dir.resolve("json.duckdb");
    DocsTable.create(database, 30);
    ThinClientCancelTest.createEndlessView(database);
    server = TestServers.on(database).serialization(Serialization.JSON).start();
    client = new ThinClient();
    http = HttpClient.newHttpClient();
  }

  @AfterAll
  static void stopServer() throws Exception {
    server.close();
    client.close();
    http.close();
  }

  private static HttpResponse<String> post(String body) throws Exception {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theThinClientWorksOverJson() throws Exception {
    assertThat(server.clientUrl()).endsWith(";serialization=json");
    try (Connection connection = client.connect(server.clientUrl());
        Statement statement = connection.createStatement();
        ResultSet rows = statement.executeQuery("SELECT count(*) FROM docs WHERE category = 'news'")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getLong(1)).isEqualTo(LongRange.filter(30, id -> DocsTable.category(id).equals("news")).size());
    }
  }

  @Test
  void unknownIdsAndGarbageGetErrorsAndTheServerKeepsServing() throws Exception {
    HttpResponse<String> garbage = post("{not json");
    assertThat(garbage.statusCode()).isGreaterThanOrEqualTo(400);

    assertThat(post("{\"request\":\"openConnection\",\"connectionId\":\"raw-1\",\"info\":{}}").statusCode())
        .isEqualTo(200);
    HttpResponse<String> unknownStatement = post("{\"request\":\"fetch\",\"connectionId\":\"raw-1\","
        + "\"statementId\":987654,\"offset\":0,\"fetchMaxRowCount\":10}");
    assertThat(unknownStatement.body()).as("Avatica's protocol answer to an unknown statement")
        .contains("\"missingStatement\":true").doesNotContain("\"rows\"");
    HttpResponse<String> unknownConnection = post("{\"request\":\"createStatement\",\"connectionId\":\"nope\"}");
    assertThat(unknownConnection.statusCode()).isEqualTo(500);
    assertThat(unknownConnection.body()).contains("NoSuchConnectionException");

    theThinClientWorksOverJson();
  }

  @Test
  void aCloseStatementRequestWhileTheStatementRunsStopsIt() throws Exception {
    assertThat(post("{\"request\":\"openConnection\",\"connectionId\":\"raw-3\",\"info\":{}}").statusCode())
        .isEqualTo(200);
    Matcher id = Pattern.compile("\"statementId\":(\\d+)")
        .matcher(post("{\"request\":\"createStatement\",\"connectionId\":\"raw-3\"}").body());
    assertThat(id.find()).isTrue();
    String statement = "\"connectionId\":\"raw-3\",\"statementId\":" + id.group(1);
    CompletableFuture<HttpResponse<String>> running = CompletableFuture.supplyAsync(() -> {
      try {
        return post("{\"request\":\"prepareAndExecute\"," + statement
            + ",\"sql\":\"SELECT count(*) FROM endless WHERE MOD(id, 7) = 3\",\"maxRowCount\":-1}");
      } catch (Exception e) {
        throw new CompletionException(e);
      }
    });
    ThinClientCancelTest.awaitRunning(server, running);

    assertThat(post("{\"request\":\"closeStatement\"," + statement + "}").statusCode()).isEqualTo(200);

    assertThat(running).succeedsWithin(60, TimeUnit.SECONDS).satisfies(response -> {
      assertThat(response.statusCode()).isEqualTo(500);
      assertThat(response.body()).contains("statement cancelled: the client closed the statement");
    });
    assertThat(server.runningRequests()).isZero();
    theThinClientWorksOverJson();
  }

  @Test
  void aClientCannotRepointTheEngineWithConnectionProperties() throws Exception {
    Path other = dir.resolve("other.duckdb");
    String info = "{\"duckdb\":\"" + other + "\",\"model\":\"inline:{version:'1.0',schemas:[]}\"}";
    assertThat(post("{\"request\":\"openConnection\",\"connectionId\":\"raw-2\",\"info\":" + info + "}")
        .statusCode()).isEqualTo(200);
    assertThat(post("{\"request\":\"createStatement\",\"connectionId\":\"raw-2\"}").body())
        .contains("statementId");
    HttpResponse<String> tables = post("{\"request\":\"getTables\",\"connectionId\":\"raw-2\","
        + "\"tableNamePattern\":\"docs\"}");
    assertThat(tables.body()).contains("docs");
    assertThat(other).doesNotExist();
  }
}
