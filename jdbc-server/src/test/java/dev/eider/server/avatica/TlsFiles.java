package dev.eider.server.avatica;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed server keystore made with the JDK's keytool, and the truststore a client needs for it. */
record TlsFiles(Path keystore, Path truststore, String password) {

  static TlsFiles create(Path dir) throws IOException, InterruptedException {
    String password = "test-secret";
    Path keystore = dir.resolve("server.p12");
    Path certificate = dir.resolve("server.crt");
    Path truststore = dir.resolve("client-trust.p12");
    keytool("-genkeypair", "-alias", "eider", "-keyalg", "EC", "-groupname", "secp256r1", "-validity", "2",
        "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-storetype", "PKCS12",
        "-keystore", keystore.toString(), "-storepass", password, "-keypass", password);
    keytool("-exportcert", "-rfc", "-alias", "eider", "-keystore", keystore.toString(), "-storepass", password,
        "-file", certificate.toString());
    keytool("-importcert", "-noprompt", "-alias", "eider", "-file", certificate.toString(), "-storetype",
        "PKCS12", "-keystore", truststore.toString(), "-storepass", password);
    return new TlsFiles(keystore, truststore, password);
  }

  /** An SSL context that trusts the server's certificate, for raw HTTPS requests. */
  SSLContext clientContext() throws Exception {
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    try (InputStream in = Files.newInputStream(keystore.resolveSibling("server.crt"))) {
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(in);
      trust.setCertificateEntry("eider", certificate);
    }
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    List<String> command = new java.util.ArrayList<>(List.of(keytool.toString()));
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IOException("keytool " + String.join(" ", args) + " failed: " + output);
    }
  }
}
