package dev.eider.server.auth;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The users a running server knows: the users file, re-read when it changes (so {@code ./eider user add}
 * takes effect without a restart), and password checks.
 *
 * <p>BASIC authentication sends the password with every HTTP request, and a PBKDF2 check costs a few hundred
 * milliseconds by design, so outcomes are cached briefly. The cache key is an HMAC of the password under a
 * random per-process key, never the password itself, and includes the stored hash, so a changed password
 * misses the cache.
 */
public final class UserDirectory {

  private static final Logger LOG = LoggerFactory.getLogger(UserDirectory.class);
  private static final Duration CHECK_CACHE_TTL = Duration.ofMinutes(10);
  private static final int CHECK_CACHE_SIZE = 10_000;

  private final Path file;
  private final Cache<String, Boolean> checks = Caffeine.newBuilder()
      .maximumSize(CHECK_CACHE_SIZE).expireAfterWrite(CHECK_CACHE_TTL).build();
  private final SecretKeySpec cacheKey;
  private volatile Snapshot snapshot;

  private record Snapshot(FileTime modified, long size, Map<String, UserEntry> users) {}

  /** Loads {@code file}; fails if it cannot be read or parsed, or has no users. */
  public UserDirectory(Path file) throws IOException {
    this.file = file.toAbsolutePath();
    if (!Files.isRegularFile(this.file)) {
      throw new IOException("users file " + this.file + " does not exist: create it with"
          + " ./eider user add NAME --role reader|writer|admin --users " + file);
    }
    this.snapshot = load();
    if (snapshot.users().isEmpty()) {
      throw new IOException("users file " + this.file + " has no users: add one with ./eider user add");
    }
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.cacheKey = new SecretKeySpec(key, "HmacSHA256");
  }

  /** The users file. */
  public Path file() {
    return file;
  }

  /** The current entry for {@code name}, re-reading the file first if it changed. */
  public Optional<UserEntry> find(String name) {
    return Optional.ofNullable(current().users().get(name));
  }

  /** All users, re-reading the file first if it changed. */
  public Map<String, UserEntry> users() {
    return current().users();
  }

  /** True if {@code password} is the BASIC password of {@code user}. */
  public boolean checkPassword(UserEntry user, String password) {
    String key = user.name() + '\n' + user.password().encode() + '\n' + hmac(password);
    return checks.get(key, k -> user.password().matches(password.toCharArray()));
  }

  private Snapshot current() {
    Snapshot seen = snapshot;
    try {
      if (!Files.getLastModifiedTime(file).equals(seen.modified()) || Files.size(file) != seen.size()) {
        synchronized (this) {
          seen = load();
          snapshot = seen;
          LOG.info("re-read users file {}: {} users", file, seen.users().size());
        }
      }
    } catch (IOException e) {
      LOG.error("cannot re-read users file {}; keeping the users read before: {}", file, e.getMessage());
    }
    return seen;
  }

  private Snapshot load() throws IOException {
    FileTime modified = Files.getLastModifiedTime(file);
    long size = Files.size(file);
    return new Snapshot(modified, size, Map.copyOf(UsersFile.read(file)));
  }

  private String hmac(String password) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(cacheKey);
      return HexFormat.of().formatHex(mac.doFinal(password.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks HmacSHA256", e);
    }
  }
}
