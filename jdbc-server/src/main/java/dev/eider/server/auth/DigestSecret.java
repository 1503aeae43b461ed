package dev.eider.server.auth;

import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The HTTP DIGEST secret of a user: HA1 = MD5(name:realm:password) (RFC 7616), which is all a server needs to
 * check a DIGEST response. It is password-equivalent for DIGEST and cheap to brute-force, so the users file
 * stores it only for users added with {@code --digest}.
 */
public final class DigestSecret {

  /** The realm the server announces; HA1 values are bound to it. */
  public static final String REALM = "Eider";

  private DigestSecret() {}

  /** HA1 in lower-case hex. */
  public static String ha1(String user, char[] password) {
    try {
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update((user + ":" + REALM + ":").getBytes(StandardCharsets.UTF_8));
      md5.update(StandardCharsets.UTF_8.encode(CharBuffer.wrap(password)));
      return HexFormat.of().formatHex(md5.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("this JDK lacks MD5", e);
    }
  }
}
