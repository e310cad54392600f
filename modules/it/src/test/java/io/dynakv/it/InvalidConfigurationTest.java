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

/** A node given a config it must refuse exits at once with one line naming the keys. */
class InvalidConfigurationTest {

  @TempDir Path root;

  @Test
  void aGraceThatAHintCouldOutlastIsRefusedWithOneLine() throws Exception {
    Path dataDir = root.resolve("node-1");
    NodeProcess node =
        new NodeProcess(
            "node-1",
            "127.0.0.1",
            dataDir,
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            List.of(),
            Map.of("dynakv.tombstones.grace", "60s"));
    try {
      node.start();
      Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> !node.isAlive());
      assertThat(node.exitCode()).isEqualTo(2);
      List<String> out = Files.readAllLines(dataDir.resolve("stdout.log"));
      assertThat(out)
          .as("everything the node printed")
          .containsExactly(
              "dynakv: invalid configuration: dynakv.tombstones.grace (60s) must be longer than"
                  + " dynakv.request.max-timeout (60s) + dynakv.handoff.interval (2s), or a late"
                  + " hint could bring a reaped value back");
    } finally {
      node.kill();
    }
  }
}
