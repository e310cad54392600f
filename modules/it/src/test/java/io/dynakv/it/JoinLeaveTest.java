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
 * A fourth node is admitted to a loaded three-node cluster while writes go on, then node 2 leaves:
 * partitions move by ownership handoff, every key stays readable, no acknowledged write is
 * lost, and the node that left exits by itself.
 */
class JoinLeaveTest {

  /** 600 in CI; the check runs it with -Ddynakv.it.keys=10000. */
  private static final int KEYS = Integer.getInteger("dynakv.it.keys", 600);

  @TempDir Path root;

  @Test
  void aNodeJoinsAndAnotherLeavesWithoutLosingAcknowledgedWrites() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      Map<String, String> acknowledged = new ConcurrentHashMap<>();
      java.util.stream.IntStream.range(0, KEYS)
          .parallel()
          .forEach(
              i -> {
                NodeProcess via = cluster.node(1 + i % 3);
                try {
                  Http.Answer put =
                      Http.put(via.uri("/v1/buckets/jl/keys/k" + i), "v" + i, "text/plain", null);
                  assertThat(put.status()).isEqualTo(204);
                } catch (Exception e) {
                  throw new AssertionError("preloading k" + i, e);
                }
                acknowledged.put("k" + i, "v" + i);
              });
      long joinStarted = System.nanoTime();

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
      // Node 4 connects; an operator admits it (it would get no partitions otherwise).
      NodeProcess n4 = cluster.addUnadmittedNode();
      // Through the cluster's helper: it asks again while the claimant has not yet seen node 4
      // Up (409 "not connected"), as an operator would.
      cluster.admit(n4.nodeId());
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      assertThat(ClusterSupport.ownership(ring).values()).containsOnly(64);
      ClusterSupport.awaitNoPendingHandoff(cluster.nodes(), Duration.ofSeconds(300));
      System.out.printf(
          "join of node-4 with %d keys: settled and drained %d s after it started%n",
          KEYS, (System.nanoTime() - joinStarted) / 1_000_000_000L);
      running.set(false);
      load.join();
      System.out.printf(
          "writes during the join: %d acknowledged in all, reads failed: %d%n",
          acknowledged.size() - KEYS, readFailures.get());
      assertThat(readFailures.get()).as("reads that failed during the join").isZero();
      assertEveryKey(List.of(n1, cluster.node(3), n4), acknowledged);

      // Node 2 leaves: its partitions move, then it exits on its own.
      NodeProcess n2 = cluster.node(2);
      Http.Answer leave = Http.post(n1.uri("/v1/cluster/leave/node-2"));
      assertThat(leave.status()).isEqualTo(202);
      long leaveStarted = System.nanoTime();
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(300))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> !n2.isAlive());
      System.out.printf(
          "node-2 left and exited %d s after the leave was asked%n",
          (System.nanoTime() - leaveStarted) / 1_000_000_000L);
      List<NodeProcess> remaining = List.of(n1, cluster.node(3), n4);
      ClusterSupport.awaitCommonRing(remaining, 3);
      ClusterSupport.awaitNoPendingHandoff(remaining, Duration.ofSeconds(300));
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
