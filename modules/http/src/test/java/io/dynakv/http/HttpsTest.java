package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API over HTTPS, with a self-signed key store made by the JDK's keytool. */
class HttpsTest {

  private static final String PASSWORD = "test-password";

  @TempDir Path dir;

  @Test
  void theApiAnswersOverHttpsWithTheConfiguredKeyStore() throws Exception {
    Path keyStore = selfSignedKeyStore(dir.resolve("http.p12"));
    HttpClient client = RunningNode.clientBuilder().sslContext(trusting(keyStore)).build();
    try (RunningNode node =
        RunningNode.start(
            dir.resolve("data"),
            ConfigFactory.parseMap(
                Map.of(
                    "dynakv.security.http.auth", "off",
                    "dynakv.http.tls.enabled", "on",
                    "dynakv.http.tls.key-store", keyStore.toString(),
                    "dynakv.http.tls.key-store-password", PASSWORD)),
            client)) {
      assertThat(node.base()).startsWith("https://");
      assertThat(node.send("PUT", "/v1/buckets/b/keys/k", "v".getBytes(), Map.of()).statusCode())
          .isEqualTo(204);
      assertThat(RunningNode.text(node.get("/v1/buckets/b/keys/k"))).isEqualTo("v");

      HttpClient plain = RunningNode.clientBuilder().build();
      assertThatThrownBy(
              () ->
                  plain.send(
                      HttpRequest.newBuilder(URI.create(node.base() + "/v1/health"))
                          .timeout(Duration.ofSeconds(10))
                          .build(),
                      HttpResponse.BodyHandlers.ofString()))
          .as("a client that does not trust the certificate")
          .isInstanceOf(javax.net.ssl.SSLException.class);
    }
  }

  @Test
  void aWrongPasswordIsOneLineNamingTheKeyStore() throws Exception {
    Path keyStore = selfSignedKeyStore(dir.resolve("http.p12"));
    assertThatThrownBy(
            () ->
                HttpSettings.create(
                    ConfigFactory.parseMap(
                            Map.of(
                                "dynakv.security.http.auth", "off",
                                "dynakv.http.tls.enabled", "on",
                                "dynakv.http.tls.key-store", keyStore.toString(),
                                "dynakv.http.tls.key-store-password", "wrong"))
                        .withFallback(ConfigFactory.defaultReference())))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining(keyStore.toString())
        .hasMessageNotContaining("\n");
  }

  /** keytool -genkeypair: an EC key and a self-signed certificate for 127.0.0.1. */
  static Path selfSignedKeyStore(Path file) throws Exception {
    Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
    Process process =
        new ProcessBuilder(
                List.of(
                    keytool.toString(), "-genkeypair", "-alias", "dynakv", "-keyalg", "EC",
                    "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                    "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2",
                    "-storetype", "PKCS12", "-keystore", file.toString(),
                    "-storepass", PASSWORD, "-keypass", PASSWORD))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return file;
  }

  /** A client context that trusts exactly the key store's certificate. */
  static SSLContext trusting(Path keyStore) throws Exception {
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(keyStore)) {
      store.load(in, PASSWORD.toCharArray());
    }
    Certificate certificate = store.getCertificate("dynakv");
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("dynakv", certificate);
    TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    factory.init(trust);
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, factory.getTrustManagers(), null);
    return context;
  }
}
