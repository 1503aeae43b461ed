package dev.eider.server.auth;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * A PBKDF2-HMAC-SHA256 password hash, stored as {@code pbkdf2-sha256$iterations$salt$hash} (Base64).
 *
 * @param iterations the work factor
 * @param salt random bytes unique to this hash
 * @param hash the derived key
 */
public record PasswordHash(int iterations, byte[] salt, byte[] hash) {

  /** OWASP's 2023 recommendation for PBKDF2-HMAC-SHA256. */
  public static final int DEFAULT_ITERATIONS = 600_000;

  private static final String SCHEME = "pbkdf2-sha256";
  private static final String ALGORITHM = "PBKDF2WithHmacSHA256";
  private static final int SALT_BYTES = 16;
  private static final int HASH_BITS = 256;

  public PasswordHash {
    if (iterations < 1) {
      throw new IllegalArgumentException("PBKDF2 iterations must be positive, not " + iterations);
    }
    salt = salt.clone();
    hash = hash.clone();
  }

  /** Hashes {@code password} with a fresh random salt. */
  public static PasswordHash create(char[] password, SecureRandom random) {
    byte[] salt = new byte[SALT_BYTES];
    random.nextBytes(salt);
    return new PasswordHash(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS));
  }

  /** True if {@code password} is the one this hash was made from (constant-time comparison). */
  public boolean matches(char[] password) {
    return MessageDigest.isEqual(hash, derive(password, salt, iterations));
  }

  /** The stored text form. */
  public String encode() {
    Base64.Encoder base64 = Base64.getEncoder().withoutPadding();
    return SCHEME + "$" + iterations + "$" + base64.encodeToString(salt) + "$" + base64.encodeToString(hash);
  }

  /** Parses the stored text form written by {@link #encode()}. */
  public static PasswordHash parse(String text) {
    String[] parts = text.split("\\$", -1);
    if (parts.length != 4 || !parts[0].equals(SCHEME)) {
      throw new IllegalArgumentException("not a " + SCHEME + "$iterations$salt$hash password hash");
    }
    try {
      Base64.Decoder base64 = Base64.getDecoder();
      return new PasswordHash(Integer.parseInt(parts[1]), base64.decode(parts[2]), base64.decode(parts[3]));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("malformed " + SCHEME + " password hash: " + e.getMessage(), e);
    }
  }

  private static byte[] derive(char[] password, byte[] salt, int iterations) {
    PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, HASH_BITS);
    try {
      return SecretKeyFactory.getInstance(ALGORITHM).generateSecret(spec).getEncoded();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("this JDK lacks " + ALGORITHM, e);
    } finally {
      spec.clearPassword();
    }
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof PasswordHash that && iterations == that.iterations
        && Arrays.equals(salt, that.salt) && Arrays.equals(hash, that.hash);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(salt) + Arrays.hashCode(hash);
  }

  @Override
  public String toString() {
    return SCHEME + "(" + iterations + " iterations)";
  }
}
