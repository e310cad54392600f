package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fourth node joins a loaded three-node cluster while writes go on, then node 2 leaves:
 * partitions move by ownership handoff, every key stays readable, no acknowledged write is
 * lost, and the node that left exits by itself.
 */
class JoinLeaveTest {

  private static final int KEYS = 600;

  @TempDir Path root;

  @Test
  void aNodeJoinsAndAnotherLeavesWithoutLosingAcknowledgedWrites() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      for (int i = 0; i < KEYS; i++) {
        Http.Answer put = Http.put(n1.uri("/v1/buckets/jl/keys/k" + i), "v" + i, "text/plain", null);
        assertThat(put.status()).isEqualTo(204);
        acknowledged.put("k" + i, "v" + i);
      }

      // Writes and reads go on while node 4 joins and partitions move.
      AtomicBoolean running = new AtomicBoolean(true);
      AtomicInteger readFailures = new AtomicInteger();
      Thread load =
          new Thread(
              () -> {
                int i = 0;
                while (running.get()) {
                  String key = "live" + i;
                  try {
                    NodeProcess via = cluster.node(1 + i % 3);
                    Http.Answer put = Http.put(via.uri("/v1/buckets/jl/keys/" + key), "w" + i, "text/plain", null);
                    if (put.status() == 204) {
                      acknowledged.put(key, "w" + i);
                    }
                    Http.Answer read = Http.get(via.uri("/v1/buckets/jl/keys/k" + (i % KEYS)));
                    if (read.status() != 200) {
                      readFailures.incrementAndGet();
                    }
                  } catch (Exception e) {
                    readFailures.incrementAndGet();
                  }
                  i++;
                }
              });
      load.start();
      NodeProcess n4 = cluster.addNode();
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      assertThat(ClusterSupport.ownership(ring).values()).containsOnly(64);
      ClusterSupport.awaitNoPendingHandoff(cluster.nodes(), Duration.ofSeconds(180));
      running.set(false);
      load.join();
      assertThat(readFailures.get()).as("reads that failed during the join").isZero();
      assertEveryKey(List.of(n1, cluster.node(3), n4), acknowledged);

      // Node 2 leaves: its partitions move, then it exits on its own.
      NodeProcess n2 = cluster.node(2);
      Http.Answer leave = Http.post(n1.uri("/v1/cluster/leave/node-2"));
      assertThat(leave.status()).isEqualTo(202);
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(180))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !n2.isAlive());
      List<NodeProcess> remaining = List.of(n1, cluster.node(3), n4);
      ClusterSupport.awaitCommonRing(remaining, 3);
      ClusterSupport.awaitNoPendingHandoff(remaining, Duration.ofSeconds(180));
      assertEveryKey(remaining, acknowledged);
    }
  }

  private static void assertEveryKey(List<NodeProcess> nodes, Map<String, String> acknowledged)
      throws Exception {
    int i = 0;
    for (Map.Entry<String, String> e : acknowledged.entrySet()) {
      NodeProcess via = nodes.get(i++ % nodes.size());
      Http.Answer a = Http.get(via.uri("/v1/buckets/jl/keys/" + e.getKey()));
      assertThat(a.status()).as(e.getKey() + " via " + via.nodeId()).isEqualTo(200);
      assertThat(a.body()).as(e.getKey()).isEqualTo(e.getValue());
    }
  }
}
