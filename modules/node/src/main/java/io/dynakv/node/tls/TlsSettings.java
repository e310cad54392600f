package io.dynakv.node.tls;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;

/**
 * The node's TLS settings ({@code dynakv.security.tls}): where its PKCS12 key and trust
 * stores are, the files holding their passwords, and the protocol. {@link #artery()} is what
 * turns Artery's transport to {@code tls-tcp}; {@link #engineConfig()} is what Akka's
 * {@code ConfigSSLEngineProvider} reads, with mutual authentication always on.
 */
public record TlsSettings(
    boolean enabled,
    Path keyStore,
    Path keyStorePasswordFile,
    Path trustStore,
    Path trustStorePasswordFile,
    String protocol) {

  public static final String PATH = "dynakv.security.tls";

  /** TLS 1.3's suites; for 1.2 the ECDHE/GCM suites for EC (make-certs.sh) and RSA keys. */
  private static final Map<String, List<String>> CIPHER_SUITES =
      Map.of(
          "TLSv1.3",
          List.of("TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256", "TLS_CHACHA20_POLY1305_SHA256"),
          "TLSv1.2",
          List.of(
              "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
              "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
              "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256"));

  public static TlsSettings create(Config config) {
    Config tls = config.getConfig(PATH);
    return new TlsSettings(
        tls.getBoolean("enabled"),
        Path.of(tls.getString("key-store")),
        Path.of(tls.getString("key-store-password-file")),
        Path.of(tls.getString("trust-store")),
        Path.of(tls.getString("trust-store-password-file")),
        tls.getString("protocol"));
  }

  /** Whether {@code config} turns node TLS on; false when the flag is not a boolean (ConfigValidation says so). */
  public static boolean enabledIn(Config config) {
    try {
      return config.getBoolean(PATH + ".enabled");
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** The Artery settings of a node with TLS on: they take precedence over the operator's. */
  public static Config artery() {
    return ConfigFactory.parseMap(
        Map.of(
            "akka.remote.artery.transport", "tls-tcp",
            "akka.remote.artery.ssl.ssl-engine-provider", NodeTlsEngineProvider.class.getName()),
        "dynakv.security.tls.enabled = on");
  }

  /**
   * The section Akka's {@code ConfigSSLEngineProvider} reads
   * ({@code akka.remote.artery.ssl.config-ssl-engine}), passwords read from their files.
   * Hostname verification is off: nodes are addressed by IP, and the trust store holding
   * only the cluster CA is what keeps strangers out.
   */
  public Config engineConfig() {
    String keyPassword = password(keyStorePasswordFile);
    return ConfigFactory.parseMap(
        Map.of(
            "key-store", keyStore.toString(),
            "key-store-password", keyPassword,
            "key-password", keyPassword,
            "trust-store", trustStore.toString(),
            "trust-store-password", password(trustStorePasswordFile),
            "protocol", protocol,
            "enabled-algorithms", CIPHER_SUITES.getOrDefault(protocol, CIPHER_SUITES.get("TLSv1.3")),
            "random-number-generator", "",
            "require-mutual-authentication", true,
            "hostname-verification", false));
  }

  /** The first line of a password file (keytool's -storepass:file reads it the same way). */
  public static String readPassword(Path file) throws IOException {
    List<String> lines = Files.readAllLines(file);
    return lines.isEmpty() ? "" : lines.get(0);
  }

  /** Opens a PKCS12 store with the password in {@code passwordFile}. */
  public static KeyStore open(Path store, Path passwordFile) throws IOException, GeneralSecurityException {
    KeyStore keyStore = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(store)) {
      keyStore.load(in, readPassword(passwordFile).toCharArray());
    }
    return keyStore;
  }

  private static String password(Path file) {
    try {
      return readPassword(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the TLS password file " + file, e);
    }
  }
}
