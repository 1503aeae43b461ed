package dev.eider.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UsersFileTest {

  @TempDir
  Path dir;

  private final SecureRandom random = new SecureRandom();

  @Test
  void passwordHashAcceptsOnlyItsPasswordAndSurvivesItsTextForm() {
    PasswordHash hash = PasswordHash.create("correct horse".toCharArray(), random);

    PasswordHash parsed = PasswordHash.parse(hash.encode());

    assertThat(parsed).isEqualTo(hash);
    assertThat(parsed.iterations()).isEqualTo(PasswordHash.DEFAULT_ITERATIONS);
    assertThat(parsed.matches("correct horse".toCharArray())).isTrue();
    assertThat(parsed.matches("correct horsf".toCharArray())).isFalse();
    assertThat(PasswordHash.create("correct horse".toCharArray(), random).encode())
        .as("a fresh salt per hash").isNotEqualTo(hash.encode());
  }

  @Test
  void digestSecretIsMd5OfNameRealmPassword() throws Exception {
    String expected = HexFormat.of().formatHex(MessageDigest.getInstance("MD5")
        .digest("ann:Eider:pw".getBytes(StandardCharsets.UTF_8)));

    assertThat(DigestSecret.ha1("ann", "pw".toCharArray())).isEqualTo(expected);
  }

  @Test
  void writtenUsersReadBackInOrderWithOwnerOnlyPermissions() throws IOException {
    Path file = dir.resolve("users.properties");
    UserEntry ann = new UserEntry("ann", Role.ADMIN, PasswordHash.create("a".toCharArray(), random), null);
    UserEntry bob = new UserEntry("bob", Role.READER, PasswordHash.create("b".toCharArray(), random),
        DigestSecret.ha1("bob", "b".toCharArray()));

    UsersFile.write(file, List.of(ann, bob));
    Map<String, UserEntry> read = UsersFile.read(file);

    assertThat(read.keySet()).containsExactly("ann", "bob");
    assertThat(read.get("ann")).isEqualTo(ann);
    assertThat(read.get("bob")).isEqualTo(bob);
    assertThat(read.get("ann").allowsDigest()).isFalse();
    assertThat(Files.getPosixFilePermissions(file)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
  }

  @Test
  void malformedLinesAreRejectedWithTheirLineNumber() throws IOException {
    Path file = dir.resolve("users.properties");
    String hash = PasswordHash.create("a".toCharArray(), random).encode();
    Files.writeString(file, "# users\nann = admin," + hash + "\nbob = superuser," + hash + "\n");

    assertThatThrownBy(() -> UsersFile.read(file)).isInstanceOf(IOException.class)
        .hasMessageContaining("line 3").hasMessageContaining("unknown role 'superuser'");

    Files.writeString(file, "ann = admin,plaintext\n");
    assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("line 1")
        .hasMessageContaining("pbkdf2-sha256");

    Files.writeString(file, "ann = admin," + hash + "\nann = reader," + hash + "\n");
    assertThatThrownBy(() -> UsersFile.read(file)).hasMessageContaining("line 2").hasMessageContaining("twice");
  }

  @Test
  void userNamesThatCouldBreakTheFileOrHeadersAreRefused() {
    PasswordHash hash = PasswordHash.create("a".toCharArray(), random);

    for (String bad : List.of("", "a b", "a=b", "a,b", "a:b", "x".repeat(65))) {
      assertThatThrownBy(() -> new UserEntry(bad, Role.READER, hash, null))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("invalid user name");
    }
  }
}
