package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node JVMs: a node that lost its disk gets every key back from anti-entropy alone (no
 * reads), and a key deleted while it was down stays deleted when it returns; with a bucket
 * whose n is larger than the ring's target-n, every one of its n replicas is repaired.
 */
class AntiEntropyTest {

  /** 300 in CI; the check runs it with -Ddynakv.it.ae-keys=10000. */
  private static final int KEYS = Integer.getInteger("dynakv.it.ae-keys", 300);

  @TempDir Path root;

  @Test
  void aNodeThatLostItsDiskIsRefilledAndDeletesStayDeleted() throws Exception {
    try (LocalCluster cluster =
        LocalCluster.start(3, root, Map.of("dynakv.anti-entropy.interval", "2s"))) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      NodeProcess n2 = cluster.node(2);
      NodeProcess n3 = cluster.node(3);
      java.util.stream.IntStream.range(0, KEYS)
          .parallel()
          .forEach(
              i -> {
                try {
                  Http.Answer put =
                      Http.put(
                          cluster.node(1 + i % 3).uri("/v1/buckets/ae/keys/k" + i + "?w=3"),
                          "v" + i,
                          "text/plain",
                          null);
                  assertThat(put.status()).as("k" + i).isEqualTo(204);
                } catch (Exception e) {
                  throw new AssertionError("k" + i, e);
                }
              });

      // A delete while node 3 is down: it comes back holding the old value.
      n3.stop();
      Http.Answer before = Http.get(n1.uri("/v1/buckets/ae/keys/k0"));
      assertThat(Http.delete(n1.uri("/v1/buckets/ae/keys/k0?w=2"), before.context()).status()).isEqualTo(204);
      n3.start();
      n3.awaitReady(Duration.ofSeconds(60));

      // Disk loss of node 2: stop it, delete its data dir, start it with the same id.
      n2.stop();
      n2.wipeData();
      long wiped = System.nanoTime();
      n2.start();
      n2.awaitReady(Duration.ofSeconds(60));
      Awaitility.await()
          .atMost(Duration.ofSeconds(600))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> Json.parse(Http.get(n2.uri("/v1/status")).body()).get("objects").asInt() >= KEYS);
      long refilledSeconds = (System.nanoTime() - wiped) / 1_000_000_000L;
      System.out.println("anti-entropy refilled node 2 within " + refilledSeconds + " s of its restart");
      // And node 3 has the tombstone, not the old value.
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(() -> Json.parse(Http.get(n3.uri("/v1/status")).body()).get("antiEntropy").get("exchanges").asInt() > 0);

      n1.stop();
      n3.stop();
      for (int i = 1; i < KEYS; i++) {
        Http.Answer a = Http.get(n2.uri("/v1/buckets/ae/keys/k" + i + "?r=1"));
        assertThat(a.status()).as("node 2 alone, k" + i).isEqualTo(200);
        assertThat(a.body()).isEqualTo("v" + i);
      }
      assertThat(Http.get(n2.uri("/v1/buckets/ae/keys/k0?r=1")).status()).isEqualTo(404);

      n3.start();
      n3.awaitReady(Duration.ofSeconds(60));
      n2.stop();
      assertThat(Http.get(n3.uri("/v1/buckets/ae/keys/k0?r=1")).status())
          .as("the key deleted while node 3 was down, read from node 3 alone")
          .isEqualTo(404);
    }
  }

  /**
   * A bucket with n = 5 on five nodes: every node is one of each key's five primaries, so
   * node 5, wiped, must get back every key of the bucket from anti-entropy alone — also those
   * of the partitions where it is the fourth or fifth primary (beyond the ring's target-n).
   */
  @Test
  void everyReplicaOfABucketWithALargerNIsRefilled() throws Exception {
    int keys = 200;
    Map<String, String> conf =
        Map.of("dynakv.anti-entropy.interval", "1s", "dynakv.ring.partitions", "32");
    try (LocalCluster cluster = LocalCluster.start(5, root, conf)) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 5);
      NodeProcess n1 = cluster.node(1);
      NodeProcess n5 = cluster.node(5);
      assertThat(
              Http.put(n1.uri("/v1/buckets/wide/props"), "{\"n\":5,\"r\":1,\"w\":5}", "application/json", null)
                  .status())
          .isEqualTo(200);
      for (NodeProcess n : cluster.nodes()) {
        Awaitility.await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(300))
            .ignoreExceptions()
            .until(() -> Json.parse(Http.get(n.uri("/v1/buckets/wide/props")).body()).get("n").asInt() == 5);
      }
      for (int i = 0; i < keys; i++) {
        assertThat(Http.put(n1.uri("/v1/buckets/wide/keys/k" + i + "?w=5"), "v" + i, "text/plain", null).status())
            .as("k" + i)
            .isEqualTo(204);
      }

      n5.stop();
      n5.wipeData();
      n5.start();
      n5.awaitReady(Duration.ofSeconds(90));
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .untilAsserted(
              () ->
                  assertThat(Json.parse(Http.get(n5.uri("/v1/status")).body()).get("objects").asInt())
                      .as("objects on node 5 after its disk was wiped")
                      .isEqualTo(keys));

      for (int i = 1; i <= 4; i++) {
        cluster.node(i).stop();
      }
      for (int i = 0; i < keys; i++) {
        Http.Answer a = Http.get(n5.uri("/v1/buckets/wide/keys/k" + i + "?r=1"));
        assertThat(a.status()).as("node 5 alone, k" + i).isEqualTo(200);
        assertThat(a.body()).isEqualTo("v" + i);
      }
    }
  }
}
