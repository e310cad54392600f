package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Forced removal (issue 10, item 3): node 1 of four — the oldest member, so the claimant
 * singleton runs there — is killed with kill -9 for good and downed through another node.
 * The claimant moves, the ring settles on the three others without waiting for node 1, its
 * partitions are rebuilt from the surviving replicas, and every acknowledged key, written
 * before the kill or while node 1 was dead, ends up on all three remaining nodes (n = 3).
 * When node 1 comes back after all, with its old data, it hands that data off and stops.
 */
class ForcedRemovalTest {

  private static final int KEYS_BEFORE = 400;
  private static final int KEYS_WHILE_DEAD = 100;

  @TempDir Path root;

  @Test
  void aDeadNodeIsDownedAndTheRingSettlesOnTheOthersWithEveryKeyOnNReplicas() throws Exception {
    // Anti-entropy every few seconds, so replicas the transfers did not cover converge soon.
    try (LocalCluster cluster =
        LocalCluster.start(4, root, Map.of("dynakv.anti-entropy.interval", "3s"))) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      long t0 = System.nanoTime();
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      IntStream.range(0, KEYS_BEFORE)
          .parallel()
          .forEach(i -> put(cluster.node(1 + i % 4), "k" + i, "v" + i, acknowledged));
      assertThat(acknowledged).hasSize(KEYS_BEFORE);

      mark("preloaded", t0);
      NodeProcess dead = cluster.node(1);
      dead.kill();
      List<NodeProcess> survivors = List.of(cluster.node(2), cluster.node(3), cluster.node(4));
      // Writes go on while node 1 is dead; those acknowledged must survive its removal too.
      IntStream.range(0, KEYS_WHILE_DEAD)
          .forEach(i -> put(survivors.get(i % 3), "d" + i, "w" + i, acknowledged));

      mark("written while dead", t0);
      // A node that is still reachable is refused: leave is the way to decommission it.
      Http.Answer reachable = Http.post(cluster.node(2).uri("/v1/cluster/down/node-3"));
      assertThat(reachable.status()).isEqualTo(409);
      assertThat(Json.parse(reachable.body()).get("detail").asText()).contains("reachable");
      Http.Answer unknown = Http.post(cluster.node(2).uri("/v1/cluster/down/node-9"));
      assertThat(unknown.status()).isEqualTo(409);

      // The claimant ran on node 1: the first answers may time out while it moves.
      AtomicReference<Http.Answer> answer = new AtomicReference<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(1))
          .ignoreExceptions()
          .until(
              () -> {
                Http.Answer a = Http.post(cluster.node(2).uri("/v1/cluster/down/node-1"));
                answer.set(a);
                return a.status() == 202;
              });
      assertThat(Json.parse(answer.get().body()).get("accepted").asBoolean()).isTrue();

      mark("down accepted", t0);
      JsonNode ring = ClusterSupport.awaitCommonRing(survivors, 3);
      mark("ring settled", t0);
      assertThat(ring.get("members").toString()).doesNotContain("node-1");
      assertThat(ClusterSupport.ownership(ring).keySet()).containsExactlyInAnyOrder("node-2", "node-3", "node-4");
      ClusterSupport.awaitNoPendingHandoff(survivors, Duration.ofSeconds(180));

      mark("handoff drained", t0);
      // node-1 is no ring member any more, and Akka Cluster no longer counts it as up.
      JsonNode members = Json.parse(Http.get(cluster.node(3).uri("/v1/members")).body()).get("members");
      for (JsonNode m : members) {
        if (m.get("node").asText().equals("node-1")) {
          assertThat(m.get("ringMember").asBoolean()).isFalse();
          assertThat(m.get("reachable").asBoolean()).isFalse();
        }
      }

      // n = 3 on three nodes: every node holds every key once the replicas have converged.
      int total = acknowledged.size();
      Awaitility.await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                for (NodeProcess n : survivors) {
                  JsonNode status = Json.parse(Http.get(n.uri("/v1/status")).body());
                  assertThat(status.get("objects").asLong()).as(n.nodeId() + " objects").isEqualTo(total);
                  assertThat(status.get("hintedObjects").asLong()).as(n.nodeId() + " hinted").isZero();
                }
              });
      mark("replicas converged", t0);
      // And each key reads back with all three replicas answering.
      for (Map.Entry<String, String> e : acknowledged.entrySet()) {
        Http.Answer read =
            Http.get(cluster.node(2 + (e.getKey().hashCode() & 1)).uri("/v1/buckets/fr/keys/" + e.getKey() + "?r=3"));
        assertThat(read.status()).as(e.getKey()).isEqualTo(200);
        assertThat(read.body()).as(e.getKey()).isEqualTo(e.getValue());
      }

      // Node 1 comes back after all, with its old data: it adopts the ring without it, hands
      // what it holds to the current replicas (merges: they have it all) and stops by itself.
      dead.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !dead.isAlive());
      mark("downed node came back, handed off and stopped", t0);
      String log = java.nio.file.Files.readString(root.resolve("node-1").resolve("node.log"));
      assertThat(log)
          .contains("ownership handoff of partition")
          .contains("node-1 has left the ring and handed everything off: shutting down");
      for (NodeProcess n : survivors) {
        JsonNode status = Json.parse(Http.get(n.uri("/v1/status")).body());
        assertThat(status.get("objects").asLong()).as(n.nodeId() + " objects").isEqualTo(total);
      }
    }
  }

  private static void mark(String what, long t0) {
    System.out.printf("ForcedRemovalTest: %s after %d ms%n", what, (System.nanoTime() - t0) / 1_000_000);
  }

  private static void put(NodeProcess via, String key, String value, Map<String, String> acknowledged) {
    try {
      Http.Answer put = Http.put(via.uri("/v1/buckets/fr/keys/" + key), value, "text/plain", null);
      if (put.status() == 204) {
        acknowledged.put(key, value);
      }
    } catch (Exception e) {
      // not acknowledged: not counted
    }
  }
}
