package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A store belongs to the node that first started on it: a node with another id pointed at the
 * same data directory (a copied data dir) refuses to start with one line naming both ids and
 * the store, instead of serving another node's replicas under its own name.
 */
class JournalOwnerTest {

  @TempDir Path dataDir;

  private NodeProcess node(String id) {
    return new NodeProcess(
        id,
        dataDir,
        NodeProcess.freePort(),
        NodeProcess.freePort(),
        List.of(),
        Map.of(
            "dynakv.defaults.n", "1",
            "dynakv.defaults.r", "1",
            "dynakv.defaults.w", "1",
            "dynakv.ring.partitions", "16"));
  }

  @Test
  void aNodeWithAnotherIdRefusesToStartOnAJournalThatBelongsToNode1() throws Exception {
    NodeProcess first = node("node-1");
    NodeProcess second = node("node-2");
    try {
      first.start();
      first.awaitReady(Duration.ofSeconds(60));
      first.stop();

      second.start();
      Awaitility.await("node-2 exits or serves")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> !second.isAlive() || ready(second));

      assertThat(second.isAlive()).as("node-2 started on node-1's journal").isFalse();
      assertThat(second.exitCode()).isNotZero();
      String refusal =
          Files.readString(dataDir.resolve("stdout.log"))
              .lines()
              .filter(l -> l.startsWith("dynakv: failed to start:"))
              .findFirst()
              .orElse("");
      System.out.println("refusal: " + refusal);
      assertThat(refusal)
          .contains("node-1")
          .contains("node-2")
          .contains(dataDir.toAbsolutePath().resolve("store").toString());

      // The rightful owner still starts on it.
      first.start();
      first.awaitReady(Duration.ofSeconds(60));
    } finally {
      second.kill();
      first.stop();
    }
  }

  private static boolean ready(NodeProcess node) {
    try {
      return Http.get(node.uri("/v1/ready")).status() == 200;
    } catch (Exception e) {
      return false;
    }
  }
}
