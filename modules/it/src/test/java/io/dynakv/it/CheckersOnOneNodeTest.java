package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.it.history.AckedSetChecker;
import io.dynakv.it.history.AckedSetWorkload;
import io.dynakv.it.history.History;
import io.dynakv.it.history.SiblingExplosionChecker;
import io.dynakv.it.history.SiblingExplosionWorkload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The workloads and their checkers against one real node with no faults: the baseline the fault
 * tests compare with, and proof that the workloads read the server's answers (200, 300 siblings,
 * 404) the way the checkers expect.
 */
class CheckersOnOneNodeTest {

  @TempDir static Path dataDir;
  private static NodeProcess node;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    node =
        new NodeProcess(
            "node-1",
            dataDir,
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            List.of(),
            Map.of("dynakv.defaults.n", "1", "dynakv.defaults.r", "1", "dynakv.defaults.w", "1"));
    node.start();
    node.awaitReady(Duration.ofSeconds(60));
    base = node.uri("");
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.kill();
    }
  }

  @Test
  void concurrentCartClientsLoseNoAcknowledgedElement() throws Exception {
    History history = new History();
    Map<String, Set<String>> found;
    try (AckedSetWorkload carts =
        new AckedSetWorkload(List.of(base), "carts", List.of("c1", "c2", "c3"), history)) {
      carts.run(6, 40, Duration.ofSeconds(60));
      found = carts.finalRead(base, "");
    }
    AckedSetChecker.Result result = AckedSetChecker.check(history.operations(), found);

    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.attempted()).isEqualTo(240);
    assertThat(result.ackRate()).as(result.summary()).isEqualTo(1.0);
    assertThat(result.found()).isEqualTo(240);
  }

  @Test
  void twoInterleavedResolvingClientsKeepAtMostTwoSiblingsAndEveryWrite() throws Exception {
    History history = new History();
    List<Set<String>> siblings;
    try (SiblingExplosionWorkload clients =
        new SiblingExplosionWorkload(base, base, "explosion", "k", history)) {
      clients.run(100);
      siblings = clients.finalSiblings(base, "");
    }
    SiblingExplosionChecker.Result result =
        new SiblingExplosionChecker().check(history.operations(), siblings);

    assertThat(result.valid()).as(result.summary()).isTrue();
    assertThat(result.acknowledged()).isEqualTo(200);
    // Every round's second write misses the first's: the key ends with exactly two siblings.
    assertThat(result.finalSiblings()).as(result.summary()).isEqualTo(2);
    assertThat(result.maxSiblingsRead()).as(result.summary()).isEqualTo(2);
  }
}
