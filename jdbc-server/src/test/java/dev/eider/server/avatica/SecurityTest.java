package dev.eider.server.avatica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.eider.server.auth.DigestSecret;
import dev.eider.server.auth.PasswordHash;
import dev.eider.server.auth.Role;
import dev.eider.server.auth.UserEntry;
import dev.eider.server.auth.UsersFile;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import org.apache.calcite.avatica.remote.Driver.Serialization;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Authentication, roles and TLS through the real thin client: a BASIC server over HTTPS and a DIGEST server
 * over HTTP, both on the same users file.
 */
class SecurityTest {

  @TempDir
  static Path dir;

  private static TlsFiles tls;
  private static Path usersFile;
  private static EiderServer basicTls;
  private static EiderServer digest;
  private static EiderServer basicJson;
  private static ThinClient client;

  @BeforeAll
  static void startServers() throws Exception {
    SecureRandom random = new SecureRandom();
    usersFile = dir.resolve("users.properties");
    List<UserEntry> users = new ArrayList<>();
    for (Role role : Role.values()) {
      String name = "the-" + role.label();
      char[] password = (role.label() + "-pw").toCharArray();
      users.add(new UserEntry(name, role, PasswordHash.create(password, random),
          role == Role.WRITER ? null : DigestSecret.ha1(name, password)));
    }
    UsersFile.write(usersFile, users);
    tls = TlsFiles.create(dir);
    DocsTable.create(dir.resolve("basic.duckdb"), 20);
    DocsTable.create(dir.resolve("digest.duckdb"), 20);
    basicTls = TestServers.on(dir.resolve("basic.duckdb")).users(usersFile, ServerOptions.Authentication.BASIC)
        .tls(tls.keystore(), tls.password()).start();
    digest = TestServers.on(dir.resolve("digest.duckdb")).users(usersFile, ServerOptions.Authentication.DIGEST)
        .start();
    DocsTable.create(dir.resolve("json.duckdb"), 20);
    basicJson = TestServers.on(dir.resolve("json.duckdb")).users(usersFile, ServerOptions.Authentication.BASIC)
        .serialization(Serialization.JSON).start();
    client = new ThinClient();
  }

  @AfterAll
  static void stopServers() throws Exception {
    basicTls.close();
    digest.close();
    basicJson.close();
    client.close();
  }

  private static Connection basicAs(String user, String password) throws SQLException {
    Properties properties = new Properties();
    properties.setProperty("avatica_user", user);
    properties.setProperty("avatica_password", password);
    properties.setProperty("truststore", tls.truststore().toString());
    properties.setProperty("truststore_password", tls.password());
    return client.connect(basicTls.clientUrl(), properties);
  }

  @Test
  void theUrlNamesHttpsAndTheAuthenticationScheme() {
    assertThat(basicTls.clientUrl()).startsWith("jdbc:avatica:remote:url=https://127.0.0.1:")
        .endsWith(";serialization=protobuf;authentication=BASIC");
  }

  @Test
  void requestsWithoutOrWithWrongCredentialsGet401AndNoData() throws Exception {
    HttpClient http = HttpClient.newBuilder().sslContext(tls.clientContext()).build();
    HttpResponse<String> response = http.send(HttpRequest.newBuilder(
            URI.create("https://127.0.0.1:" + basicTls.port() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("anything")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
        value -> assertThat(value).startsWithIgnoringCase("Basic realm=\"Eider\""));

    Properties noUser = new Properties();
    noUser.setProperty("truststore", tls.truststore().toString());
    noUser.setProperty("truststore_password", tls.password());
    assertThatThrownBy(() -> client.connect(basicTls.clientUrl(), noUser).createStatement()
        .executeQuery("SELECT title FROM docs")).hasMessageContaining("HTTP/401");
    assertThatThrownBy(() -> basicAs("the-reader", "wrong").createStatement().executeQuery("SELECT title FROM docs"))
        .hasMessageContaining("HTTP/401");
    assertThatThrownBy(() -> basicAs("nobody", "reader-pw").createStatement().executeQuery("SELECT 1"))
        .hasMessageContaining("HTTP/401");
  }

  @Test
  void aReaderQueriesButIsRefusedDmlAndDdlWithAClearMessage() throws SQLException {
    try (Connection connection = basicAs("the-reader", "reader-pw");
        Statement statement = connection.createStatement()) {
      assertThat(count(statement, "SELECT count(*) FROM docs")).isEqualTo(20);
      assertThatThrownBy(() -> statement.executeUpdate("INSERT INTO docs VALUES (100, 'x', 'news', 2020, NULL)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("user the-reader has role reader: INSERT needs writer");
      assertThatThrownBy(() -> statement.execute("CREATE TABLE t (id INT)"))
          .hasMessageContaining("user the-reader has role reader: CREATE needs admin");
      assertThatThrownBy(() -> connection.prepareStatement("DELETE FROM docs"))
          .hasStackTraceContaining("user the-reader has role reader: DELETE needs writer");
      assertThat(count(statement, "SELECT count(*) FROM docs")).as("nothing changed").isEqualTo(20);
    }
  }

  @Test
  void aWriterChangesRowsButNotTheSchemaAndAnAdminChangesTheSchema() throws SQLException {
    try (Connection connection = basicAs("the-writer", "writer-pw");
        Statement statement = connection.createStatement()) {
      assertThat(statement.executeUpdate("INSERT INTO docs VALUES (1000, 'by writer', 'news', 2020, NULL)")).isEqualTo(1);
      assertThat(statement.executeUpdate("DELETE FROM docs WHERE id = 1000")).isEqualTo(1);
      assertThatThrownBy(() -> statement.execute("DROP TABLE docs"))
          .hasMessageContaining("user the-writer has role writer: DROP needs admin");
    }
    try (Connection connection = basicAs("the-admin", "admin-pw");
        Statement statement = connection.createStatement()) {
      statement.execute("CREATE TABLE admin_made (id BIGINT)");
      statement.execute("DROP TABLE admin_made");
    }
  }

  @Test
  void plainHttpToTheTlsPortFails() {
    HttpRequest plain = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + basicTls.port() + "/"))
        .POST(HttpRequest.BodyPublishers.ofString("anything")).build();
    try (HttpClient http = HttpClient.newHttpClient()) {
      assertThatThrownBy(() -> http.send(plain, HttpResponse.BodyHandlers.ofString()))
          .isInstanceOf(IOException.class);
    }
  }

  @Test
  void digestLogsInUsersWithADigestSecretOnly() throws SQLException {
    try (Connection connection = client.connect(digest.clientUrl(), "the-reader", "reader-pw");
        Statement statement = connection.createStatement()) {
      assertThat(count(statement, "SELECT count(*) FROM docs")).isEqualTo(20);
    }
    assertThatThrownBy(() -> client.connect(digest.clientUrl(), "the-reader", "wrong").createStatement()
        .executeQuery("SELECT 1")).hasMessageContaining("HTTP/401");
    assertThatThrownBy(() -> client.connect(digest.clientUrl(), "the-writer", "writer-pw").createStatement()
        .executeQuery("SELECT 1")).as("added without --digest").hasMessageContaining("HTTP/401");
  }

  @Test
  void aUserCannotUseAnotherUsersConnectionId() throws Exception {
    try (HttpClient http = HttpClient.newHttpClient()) {
      String admin = rawJson(http, "the-admin", "admin-pw",
          "{\"request\":\"openConnection\",\"connectionId\":\"admins-connection\",\"info\":{}}");
      assertThat(admin).contains("\"response\":\"openConnection\"");
      String reader = rawJson(http, "the-reader", "reader-pw",
          "{\"request\":\"createStatement\",\"connectionId\":\"admins-connection\"}");
      assertThat(reader).contains("NoSuchConnectionException").doesNotContain("statementId");
      assertThat(rawJson(http, "the-admin", "admin-pw",
          "{\"request\":\"createStatement\",\"connectionId\":\"admins-connection\"}")).contains("statementId");
    }
  }

  private static String rawJson(HttpClient http, String user, String password, String body) throws Exception {
    String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + basicJson.port() + "/"))
        .header("Authorization", "Basic " + credentials).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
        HttpResponse.BodyHandlers.ofString()).body();
  }

  private static long count(Statement statement, String sql) throws SQLException {
    try (ResultSet rows = statement.executeQuery(sql)) {
      rows.next();
      return rows.getLong(1);
    }
  }
}
