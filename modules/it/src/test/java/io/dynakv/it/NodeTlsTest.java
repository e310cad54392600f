package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutual TLS between nodes (dynakv.security.tls): the nodes of one CA form a cluster and
 * replicate over TLS; a node with a certificate of another CA, or without TLS, gets nowhere —
 * it never becomes a member, the ring does not change, and the logs say why.
 */
class NodeTlsTest {

  @TempDir Path root;

  @Test
  void onlyNodesWithACertificateOfTheClusterCaJoin() throws Exception {
    try (LocalCluster cluster = LocalCluster.startWithTls(2, root, Map.of())) {
      NodeProcess first = cluster.node(1);
      NodeProcess second = cluster.node(2);
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 2);

      // The two nodes talk: a write on one is read on the other.
      Http.Answer put = Http.put(first.uri("/v1/buckets/tls/keys/k"), "over TLS", "text/plain", null);
      assertThat(put.status()).as(put.body()).isBetween(200, 299);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> Http.get(second.uri("/v1/buckets/tls/keys/k")).body().equals("over TLS"));

      // Another CA's certificates, for a node misconfigured with them (it trusts only its own
      // CA) and for an attacker who trusts the cluster's CA (its certificate is public).
      Path otherCa = NodeCertificates.make(root.resolve("other-ca"), "node-3", "node-4");
      Map<String, String> attackerTls = new HashMap<>(NodeCertificates.properties(otherCa, "node-4"));
      attackerTls.put("dynakv.security.tls.trust-store", trustingBoth(otherCa, cluster.tlsCerts()).toString());
      List<NodeProcess> intruders =
          List.of(
              intruder("node-3", first, NodeCertificates.properties(otherCa, "node-3")),
              intruder("node-4", first, attackerTls),
              // Plain TCP; its handshake gives up after 5 s instead of Akka's 20 s.
              intruder("node-5", first, Map.of("akka.remote.artery.advanced.handshake-timeout", "5s")));
      try {
        for (NodeProcess intruder : intruders) {
          intruder.start();
        }
        Awaitility.await()
            .atMost(Duration.ofSeconds(120))
            .pollInterval(Duration.ofSeconds(1))
            .failFast("an intruder exited", () -> !intruders.stream().allMatch(NodeProcess::isAlive))
            .untilAsserted(
                () -> {
                  // Started with another CA's certificates: it says why it cannot join.
                  assertThat(log(root.resolve("node-3")))
                      .contains(
                          "node TLS: cannot connect to 127.0.0.1:" + first.akkaPort()
                              + ": its certificate (CN=node-1, issued by CN=dynakv cluster CA");
                  // The attacker's certificate reaches node 1, which refuses it and says so.
                  assertThat(log(root.resolve("node-1")))
                      .contains(
                          "node TLS: refused an incoming connection: the peer's certificate (CN=node-4,"
                              + " issued by CN=dynakv cluster CA");
                  // TLS off: it says so as it starts; node 1 drops its bytes, Akka's handshake times out.
                  assertThat(log(root.resolve("node-5"))).contains("node TLS off");
                  assertThat(log(root.resolve("node-5"))).contains("Handshake with [" + first.akkaAddress());
                });
        // Long enough for a join to settle (claim-settle is 2 s): nothing changes on the cluster.
        Awaitility.await()
            .during(Duration.ofSeconds(10))
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofSeconds(1))
            .untilAsserted(
                () -> {
                  assertThat(memberIds(first)).containsExactly("node-1", "node-2");
                  assertThat(ClusterSupport.ring(first)).isEqualTo(ring);
                  assertThat(intruders).allMatch(NodeProcess::isAlive);
                });
      } finally {
        for (NodeProcess intruder : intruders) {
          intruder.kill();
        }
      }
    }
  }

  /**
   * The attacker's trust store: its own CA and the cluster's (a CA certificate is public), so
   * that its side of the handshake accepts the cluster's nodes and only theirs can refuse.
   */
  private Path trustingBoth(Path otherCa, Path clusterCerts) throws Exception {
    Path store = root.resolve("attacker-truststore.p12");
    Files.copy(otherCa.resolve("node-4/truststore.p12"), store);
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-importcert", "-noprompt", "-alias", "cluster-ca",
                "-file", clusterCerts.resolve("ca/ca.crt").toString(),
                "-keystore", store.toString(),
                "-storepass:file", otherCa.resolve("node-4/password").toString())
            .redirectErrorStream(true)
            .start();
    String output = new String(keytool.getInputStream().readAllBytes());
    assertThat(keytool.waitFor()).as(output).isZero();
    return store;
  }

  /** A node that tries to join through {@code seed}, in root/nodeId. */
  private NodeProcess intruder(String nodeId, NodeProcess seed, Map<String, String> properties) {
    Map<String, String> all = new HashMap<>(properties);
    all.put("dynakv.ring.claim-settle", "2s");
    return new NodeProcess(
        nodeId,
        "127.0.0.1",
        root.resolve(nodeId),
        NodeProcess.freePort(),
        NodeProcess.freePort(),
        List.of(seed.akkaAddress()),
        all);
  }

  private static List<String> memberIds(NodeProcess node) throws Exception {
    List<String> ids = new ArrayList<>();
    Json.parse(Http.get(node.uri("/v1/members")).body()).get("members").forEach(m -> ids.add(m.get("node").asText()));
    return ids;
  }

  /** Everything a node logged: node.log and what it printed. */
  private static String log(Path dataDir) throws Exception {
    StringBuilder text = new StringBuilder();
    for (String file : List.of("node.log", "stdout.log")) {
      Path path = dataDir.resolve(file);
      if (Files.exists(path)) {
        text.append(Files.readString(path));
      }
    }
    return text.toString();
  }
}
