package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.HashMap;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A node given a config it must refuse exits at once with one line naming the keys. */
class InvalidConfigurationTest {

  @TempDir Path root;

  /** Starts a node with these settings, waits for it to exit; returns what it printed. */
  private List<String> refusedWith(Map<String, String> properties) throws Exception {
    Path dataDir = root.resolve("node-1");
    NodeProcess node =
        new NodeProcess(
            "node-1",
            "127.0.0.1",
            dataDir,
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            List.of(),
            properties);
    try {
      node.start();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !node.isAlive());
      assertThat(node.exitCode()).isEqualTo(2);
      return Files.readAllLines(dataDir.resolve("stdout.log"));
    } finally {
      node.kill();
    }
  }

  @Test
  void aMisspeltKeyIsRefusedWithOneLineNamingItAndTheKeyMeant() throws Exception {
    Path conf = root.resolve("dynakv.conf");
    Files.writeString(conf, "dynakv {\n  handoff {\n    intervall = 5s\n  }\n}\n");
    assertThat(refusedWith(Map.of("config.file", conf.toString())))
        .as("everything the node printed")
        .containsExactly(
            "dynakv: invalid configuration: unknown key dynakv.handoff.intervall, set in "
                + conf
                + ": 3 (did you mean dynakv.handoff.interval?)");
  }

  @Test
  void aValueOutOfRangeIsRefusedWithOneLineNamingTheKey() throws Exception {
    assertThat(refusedWith(Map.of("dynakv.ring.partitions", "1000")))
        .as("everything the node printed")
        .containsExactly(
            "dynakv: invalid configuration: dynakv.ring.partitions = \"1000\", set in system properties:"
                + " must be a power of two between 1 and 1048576");
  }

  @Test
  void anAkkaSettingThatAkkaRefusesAsItStartsGivesOneLineToo() throws Exception {
    assertThat(refusedWith(Map.of("akka.remote.artery.advanced.maximum-frame-size", "huge")))
        .as("everything the node printed")
        .singleElement()
        .asString()
        .startsWith("dynakv: invalid configuration: ")
        .contains("maximum-frame-size", "huge");
  }

  @Test
  void aFileThatDoesNotParseIsRefusedWithOneLine() throws Exception {
    Path conf = root.resolve("broken.conf");
    Files.writeString(conf, "dynakv {\n  http { port = 8081\n");
    List<String> out = refusedWith(Map.of("config.file", conf.toString()));
    assertThat(out).hasSize(1);
    assertThat(out.get(0)).startsWith("dynakv: invalid configuration: " + conf + ": ");
  }

  @Test
  void aNodeTlsKeyStoreThatDoesNotOpenIsRefusedWithOneLine() throws Exception {
    Path certs = NodeCertificates.make(root.resolve("tls"), "node-1");
    Path wrong = Files.writeString(root.resolve("wrong-password"), "guessed\n");
    Map<String, String> tls = new HashMap<>(NodeCertificates.properties(certs, "node-1"));
    tls.put("dynakv.security.tls.key-store-password-file", wrong.toString());
    tls.put("dynakv.security.tls.trust-store-password-file", certs.resolve("node-1/password").toString());
    assertThat(refusedWith(tls))
        .as("everything the node printed")
        .containsExactly(
            "dynakv: invalid configuration: dynakv.security.tls.key-store = \""
                + certs.resolve("node-1/keystore.p12").toAbsolutePath()
                + "\", set in system properties: does not open with the password in "
                + wrong
                + " (dynakv.security.tls.key-store-password-file): wrong password");
  }

  @Test
  void aGraceThatAHintCouldOutlastIsRefusedWithOneLine() throws Exception {
    assertThat(refusedWith(Map.of("dynakv.tombstones.grace", "60s")))
        .as("everything the node printed")
        .containsExactly(
            "dynakv: invalid configuration: dynakv.tombstones.grace (60s) must be longer than"
                + " dynakv.request.max-timeout (60s) + dynakv.handoff.interval (2s), or a late"
                + " hint could bring a reaped value back");
  }
}
