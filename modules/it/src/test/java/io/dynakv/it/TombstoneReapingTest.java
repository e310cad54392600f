package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three node JVMs: keys deleted while node 3 is down keep their tombstones as long as it is
 * away, never come back when it returns with the old values, and once every replica holds the
 * tombstone it is reaped everywhere — after which node 3 alone still answers 404.
 */
class TombstoneReapingTest {

  private static final int KEYS = 20;
  private static final int DELETED = 10;

  @TempDir Path root;

  @Test
  void tombstonesAreReapedOnlyOnceEveryReplicaHoldsThem() throws Exception {
    Map<String, String> conf =
        Map.of(
            "dynakv.tombstones.interval", "1s",
            // grace must outlast max-timeout + handoff.interval (the node refuses otherwise)
            "dynakv.tombstones.grace", "5s",
            "dynakv.request.max-timeout", "3s",
            "dynakv.handoff.interval", "1s",
            "dynakv.anti-entropy.interval", "2s");
    try (LocalCluster cluster = LocalCluster.start(3, root, conf)) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      NodeProcess n2 = cluster.node(2);
      NodeProcess n3 = cluster.node(3);
      for (int i = 0; i < KEYS; i++) {
        assertThat(Http.put(n1.uri(key(i) + "?w=3"), "v" + i, "text/plain", null).status()).isEqualTo(204);
      }

      n3.stop();
      for (int i = 0; i < DELETED; i++) {
        Http.Answer current = Http.get(n1.uri(key(i)));
        assertThat(Http.delete(n1.uri(key(i) + "?w=2"), current.context()).status()).isEqualTo(204);
      }
      // Several reaping rounds pass while node 3 is away: every tombstone stays.
      Thread.sleep(6_000);
      for (NodeProcess n : new NodeProcess[] {n1, n2}) {
        JsonNode tombstones = status(n).get("tombstones");
        assertThat(tombstones.get("rounds").asLong()).isGreaterThan(2);
        assertThat(tombstones.get("reaped").asLong()).as("reaped while node 3 is down").isZero();
      }
      for (int i = 0; i < DELETED; i++) {
        Http.Answer a = Http.get(n1.uri(key(i)));
        assertThat(a.status()).isEqualTo(404);
        assertThat(a.context()).as("the tombstone of " + key(i) + " is still there").isNotNull();
      }

      // Node 3 returns with the old values; quorum reads never see them again, and the
      // tombstones go once node 3 holds them too.
      n3.start();
      n3.awaitReady(Duration.ofSeconds(60));
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(
              () -> {
                boolean allReaped = true;
                for (int i = 0; i < DELETED; i++) {
                  for (NodeProcess n : cluster.nodes()) {
                    Http.Answer a = Http.get(n.uri(key(i) + "?r=2"));
                    assertThat(a.status()).as(key(i) + " via " + n.nodeId()).isEqualTo(404);
                    allReaped &= Http.get(n.uri(key(i) + "?r=3")).context() == null;
                  }
                }
                return allReaped;
              });
      long reaped = 0;
      for (NodeProcess n : cluster.nodes()) {
        reaped += status(n).get("tombstones").get("reaped").asLong();
      }
      assertThat(reaped).isEqualTo(DELETED);

      // Node 3 alone: nothing it held before comes back.
      n1.stop();
      n2.stop();
      for (int i = 0; i < KEYS; i++) {
        Http.Answer a = Http.get(n3.uri(key(i) + "?r=1"));
        if (i < DELETED) {
          assertThat(a.status()).as("deleted " + key(i) + " on node 3 alone").isEqualTo(404);
        } else {
          assertThat(a.status()).as(key(i) + " on node 3 alone").isEqualTo(200);
          assertThat(a.body()).isEqualTo("v" + i);
        }
      }
    }
  }

  private static String key(int i) {
    return "/v1/buckets/reap/keys/t" + i;
  }

  private static JsonNode status(NodeProcess n) throws Exception {
    return Json.parse(Http.get(n.uri("/v1/status")).body());
  }
}
