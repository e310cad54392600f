package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.it.history.AckedSetChecker;
import io.dynakv.it.history.AckedSetWorkload;
import io.dynakv.it.history.History;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import io.dynakv.it.history.Operation;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fault suite can fail: with replicas that acknowledge writes before persisting them (the
 * test-only switch {@code dynakv.testing.unsafe-persist-delay}), the same whole-cluster crash
 * that {@link FaultsTest} survives loses acknowledged elements, and the acked-set checker says
 * so.
 */
class BrokenPersistenceIsCaughtTest {

  private static final List<String> KEYS = List.of("a", "b");

  @TempDir Path root;

  @Test
  void acknowledgingBeforePersistingLosesWritesAndTheCheckerNotices() throws Exception {
    try (LocalCluster cluster =
        LocalCluster.start(3, root, Map.of("dynakv.testing.unsafe-persist-delay", "60s"))) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      List<URI> nodes = cluster.nodes().stream().map(n -> n.uri("")).toList();
      History history = new History();
      AckedSetWorkload carts = new AckedSetWorkload(nodes, "carts", KEYS, history);
      FaultCycle.Outcome crash =
          FaultCycle.run(
              "kill -9 every node, restart all (writes acknowledged before persisting)",
              carts,
              3,
              nodes,
              KEYS,
              "carts",
              () -> {
                // Crash once the broken replicas have acknowledged a few adds.
                Awaitility.await()
                    .atMost(Duration.ofSeconds(60))
                    .until(() -> history.operations().stream().filter(Operation::ok).count() >= 20);
                for (NodeProcess n : cluster.nodes()) {
                  n.kill();
                }
              },
              Duration.ofSeconds(1),
              () -> {
                for (NodeProcess n : cluster.nodes()) {
                  n.start();
                }
                for (NodeProcess n : cluster.nodes()) {
                  n.awaitReady(Duration.ofSeconds(90));
                }
              });
      AckedSetChecker.Result result =
          AckedSetChecker.check(history.operations(), FaultCycle.finalRead(carts, nodes.get(0), "?r=3"));
      System.out.println(crash);
      System.out.println("acked set with a broken replica: " + result.summary());
      assertThat(result.acknowledged()).isPositive();
      assertThat(result.lost()).as("acknowledged elements lost").isNotEmpty();
      assertThat(result.valid()).isFalse();
    }
  }
}
