package dev.eider.server.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.eider.server.auth.Role;
import dev.eider.server.auth.UserEntry;
import dev.eider.server.auth.UsersFile;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The {@code user} subcommands on a real users file, and {@code serve}'s refusals before it starts anything. */
class UserAndServeCommandTest {

  @TempDir
  Path dir;

  @Test
  void userAddReadsThePasswordFromStandardInputAndRemoveDeletesTheUser() throws Exception {
    Path file = dir.resolve("users.properties");

    assertThat(withStdin("s3cret pass\n", "user", "add", "ann", "--role", "writer", "--digest", "--users",
        file.toString())).isZero();
    assertThat(withStdin("other\n", "user", "add", "bob", "--role", "reader", "--users", file.toString())).isZero();

    Map<String, UserEntry> users = UsersFile.read(file);
    assertThat(users.keySet()).containsExactly("ann", "bob");
    assertThat(users.get("ann").role()).isEqualTo(Role.WRITER);
    assertThat(users.get("ann").password().matches("s3cret pass".toCharArray())).isTrue();
    assertThat(users.get("ann").allowsDigest()).isTrue();
    assertThat(users.get("bob").allowsDigest()).isFalse();
    assertThat(Files.readString(file)).doesNotContain("s3cret");

    assertThat(withStdin("", "user", "remove", "bob", "--users", file.toString())).isZero();
    assertThat(UsersFile.read(file).keySet()).containsExactly("ann");
  }

  @Test
  void badUserInputChangesNothing() throws Exception {
    Path file = dir.resolve("users.properties");
    assertThat(withStdin("pw\n", "user", "add", "ann", "--role", "reader", "--users", file.toString())).isZero();
    String before = Files.readString(file);

    assertThat(withStdin("pw\n", "user", "add", "carl", "--role", "superuser", "--users", file.toString()))
        .isNotZero();
    assertThat(withStdin("", "user", "add", "carl", "--role", "reader", "--users", file.toString())).isNotZero();
    assertThat(withStdin("pw\n", "user", "add", "bad name", "--role", "reader", "--users", file.toString()))
        .isNotZero();
    assertThat(withStdin("", "user", "remove", "nobody", "--users", file.toString())).isNotZero();

    assertThat(Files.readString(file)).isEqualTo(before);
  }

  @Test
  void serveRefusesAnOpenNetworkBindAndUnknownConfigKeys() throws Exception {
    StringWriter errors = new StringWriter();
    CommandLine cli = EiderCli.commandLine().setErr(new PrintWriter(errors));
    assertThat(cli.execute("serve", "--engine-url", "jdbc:eider:duckdb=" + dir.resolve("x.duckdb"),
        "--bind", "0.0.0.0")).isNotZero();
    assertThat(errors.toString()).contains("refusing to serve 0.0.0.0 without --users");

    Path config = dir.resolve("server.properties");
    Files.writeString(config, "prot=9000\n");
    errors.getBuffer().setLength(0);
    assertThat(cli.execute("serve", "--config", config.toString())).isNotZero();
    assertThat(errors.toString()).contains("unknown keys [prot]");
    assertThat(dir.resolve("x.duckdb")).doesNotExist();
  }

  private static int withStdin(String input, String... args) {
    InputStream original = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return EiderCli.commandLine().setErr(new PrintWriter(new StringWriter())).execute(args);
    } finally {
      System.setIn(original);
    }
  }
}
