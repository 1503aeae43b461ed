package dev.eider.server.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads and writes the users file: one user per line, {@code name = role,pbkdf2-sha256$...[,digest-md5$HA1]};
 * blank lines and lines starting with {@code #} are ignored. Written with owner-only permissions.
 */
public final class UsersFile {

  private static final String DIGEST_PREFIX = "digest-md5$";
  private static final String HEADER = """
      # Eider server users, managed with `./eider user add|remove|list`.
      # name = role,pbkdf2-sha256$iterations$salt$hash[,digest-md5$HA1]
      # The PBKDF2 hash checks BASIC logins; HA1 = MD5(name:Eider:password) checks DIGEST logins
      # and is present only for users added with --digest.
      """;

  private UsersFile() {}

  /** Reads the users of {@code file}, keyed by name in file order; a missing file has no users. */
  public static Map<String, UserEntry> read(Path file) throws IOException {
    Map<String, UserEntry> users = new LinkedHashMap<>();
    if (!Files.exists(file)) {
      return users;
    }
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i).strip();
      if (line.isEmpty() || line.startsWith("#")) {
        continue;
      }
      try {
        UserEntry user = parse(line);
        if (users.putIfAbsent(user.name(), user) != null) {
          throw new IllegalArgumentException("user '" + user.name() + "' appears twice");
        }
      } catch (IllegalArgumentException e) {
        throw new IOException(file + " line " + (i + 1) + ": " + e.getMessage(), e);
      }
    }
    return users;
  }

  /** Replaces {@code file} with {@code users}, atomically where the file system allows. */
  public static void write(Path file, Collection<UserEntry> users) throws IOException {
    List<String> lines = new ArrayList<>(HEADER.lines().toList());
    for (UserEntry user : users) {
      lines.add(format(user));
    }
    Path dir = file.toAbsolutePath().getParent();
    Files.createDirectories(dir);
    Path temp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
    try {
      restrictToOwner(temp);
      Files.write(temp, lines, StandardCharsets.UTF_8);
      try {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } finally {
      Files.deleteIfExists(temp);
    }
  }

  static UserEntry parse(String line) {
    int equals = line.indexOf('=');
    if (equals < 0) {
      throw new IllegalArgumentException("expected 'name = role,password-hash[,digest]'");
    }
    String name = line.substring(0, equals).strip();
    String[] fields = line.substring(equals + 1).strip().split(",", -1);
    if (fields.length < 2 || fields.length > 3) {
      throw new IllegalArgumentException("expected 'name = role,password-hash[,digest]' for user '" + name + "'");
    }
    String digest = null;
    if (fields.length == 3) {
      String field = fields[2].strip();
      if (!field.startsWith(DIGEST_PREFIX) || !field.substring(DIGEST_PREFIX.length()).matches("[0-9a-f]{32}")) {
        throw new IllegalArgumentException("the DIGEST secret of '" + name + "' must be " + DIGEST_PREFIX
            + " followed by 32 lower-case hex digits");
      }
      digest = field.substring(DIGEST_PREFIX.length());
    }
    return new UserEntry(name, Role.parse(fields[0]), PasswordHash.parse(fields[1].strip()), digest);
  }

  static String format(UserEntry user) {
    String line = user.name() + " = " + user.role().label() + "," + user.password().encode();
    return user.allowsDigest() ? line + "," + DIGEST_PREFIX + user.digestHa1() : line;
  }

  private static void restrictToOwner(Path path) throws IOException {
    if (path.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
    }
  }
}
