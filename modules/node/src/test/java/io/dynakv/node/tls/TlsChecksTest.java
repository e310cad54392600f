package io.dynakv.node.tls;

import static org.assertj.core.api.Assertions.assertThat;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigValueFactory;
import io.dynakv.node.ConfigValidation;
import io.dynakv.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks of dynakv.security.tls on stores made by deploy/make-certs.sh: what an operator
 * gets wrong (a missing file, a wrong password, the stores swapped, a certificate of another
 * CA) is named in one line before the node starts.
 */
class TlsChecksTest {

  private static final Config DEFAULTS = NodeConfig.defaults();
  private static final ConfigValidation VALIDATION = ConfigValidation.forNode();

  @TempDir static Path root;
  private static Path node;

  @BeforeAll
  static void makeCertificates() throws Exception {
    Path script = Path.of("../../deploy/make-certs.sh").toAbsolutePath();
    ProcessBuilder builder =
        new ProcessBuilder(script.toString(), "--out", root.resolve("tls").toString(), "node-1").redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process make = builder.start();
    String output = new String(make.getInputStream().readAllBytes());
    assertThat(make.waitFor(300, TimeUnit.SECONDS)).isTrue();
    assertThat(make.exitValue()).as(output).isZero();
    node = root.resolve("tls/node-1");
    // A key store whose certificate signed itself: of no CA in the trust store.
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-keystore", root.resolve("self-signed.p12").toString(),
                "-storetype", "PKCS12", "-storepass:file", node.resolve("password").toString(),
                "-alias", "node", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=node-1")
            .redirectErrorStream(true)
            .start();
    String keytoolOutput = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(keytoolOutput).isZero();
    Files.writeString(root.resolve("wrong-password"), "not-the-password\n");
  }

  private static Map<String, Object> valid() {
    return Map.of(
        "dynakv.security.tls.enabled", true,
        "dynakv.security.tls.key-store", node.resolve("keystore.p12").toString(),
        "dynakv.security.tls.key-store-password-file", node.resolve("password").toString(),
        "dynakv.security.tls.trust-store", node.resolve("truststore.p12").toString());
  }

  private static List<String> problems(Map<String, Object> settings, String... more) {
    Config config = ConfigFactory.parseMap(settings);
    for (int i = 0; i < more.length; i += 2) {
      config = config.withValue(more[i], ConfigValueFactory.fromAnyRef(more[i + 1]));
    }
    // Through NodeConfig, so that the trust store's password file defaults to the key store's.
    return VALIDATION.problems(NodeConfig.load(config), DEFAULTS);
  }

  @Test
  void theStoresMakeCertsWritesPassEveryCheck() {
    assertThat(problems(valid())).isEmpty();
  }

  @Test
  void tlsOnWithoutStoresNamesEachMissingSetting() {
    assertThat(problems(Map.of("dynakv.security.tls.enabled", "on")))
        .hasSize(4)
        .allSatisfy(p -> assertThat(p).contains("must name", "(dynakv.security.tls.enabled is on)"));
  }

  @Test
  void aMissingKeyStoreIsNamedWithTheScriptThatMakesOne() {
    assertThat(problems(valid(), "dynakv.security.tls.key-store", root.resolve("nowhere.p12").toString()))
        .containsExactly(
            "dynakv.security.tls.key-store = \"" + root.resolve("nowhere.p12") + "\", set in hardcoded value:"
                + " no such file " + root.resolve("nowhere.p12")
                + "; make the stores with deploy/make-certs.sh (bin/dynakv-certs)");
  }

  @Test
  void aWrongPasswordIsNamedWithItsFile() {
    String wrong = root.resolve("wrong-password").toString();
    // The trust store's password file defaults to the key store's: both are named.
    assertThat(problems(valid(), "dynakv.security.tls.key-store-password-file", wrong))
        .containsExactly(
            "dynakv.security.tls.key-store = \"" + node.resolve("keystore.p12") + "\", set in hardcoded value:"
                + " does not open with the password in " + wrong
                + " (dynakv.security.tls.key-store-password-file): wrong password",
            "dynakv.security.tls.trust-store = \"" + node.resolve("truststore.p12") + "\", set in hardcoded value:"
                + " does not open with the password in " + wrong
                + " (dynakv.security.tls.trust-store-password-file): wrong password");
  }

  @Test
  void storesGivenTheWrongWayRoundAreRefused() {
    assertThat(
            problems(
                valid(),
                "dynakv.security.tls.key-store", node.resolve("truststore.p12").toString(),
                "dynakv.security.tls.trust-store", node.resolve("keystore.p12").toString()))
        .anySatisfy(p -> assertThat(p).startsWith("dynakv.security.tls.key-store = ").contains("holds no private key"))
        .anySatisfy(p -> assertThat(p).startsWith("dynakv.security.tls.trust-store = ").contains("holds no CA certificate"));
  }

  @Test
  void aCertificateNoTrustedCaSignedIsRefused() {
    assertThat(problems(valid(), "dynakv.security.tls.key-store", root.resolve("self-signed.p12").toString()))
        .singleElement()
        .asString()
        .contains("its certificate (CN=node-1, issued by CN=node-1) is not signed by a CA in dynakv.security.tls.trust-store");
  }

  @Test
  void onlyTls13And12AreAccepted() {
    assertThat(problems(valid(), "dynakv.security.tls.protocol", "TLSv1.1"))
        .singleElement()
        .asString()
        .endsWith("must be TLSv1.3 or TLSv1.2");
    assertThat(problems(valid(), "dynakv.security.tls.protocol", "TLSv1.2")).isEmpty();
  }

  @Test
  void tlsOnMakesArteryUseTlsTcpWithDynakvsEngineProvider() {
    Config on = NodeConfig.load(ConfigFactory.parseMap(valid()));
    assertThat(on.getString("akka.remote.artery.transport")).isEqualTo("tls-tcp");
    assertThat(on.getString("akka.remote.artery.ssl.ssl-engine-provider")).isEqualTo(NodeTlsEngineProvider.class.getName());
    Config engine = TlsSettings.create(on).engineConfig();
    assertThat(engine.getBoolean("require-mutual-authentication")).isTrue();
    assertThat(engine.getString("key-store-password")).isEqualTo(engine.getString("trust-store-password")).isNotBlank();
    assertThat(NodeConfig.load().getString("akka.remote.artery.transport")).isEqualTo("tcp");
  }
}
