package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.core.Key;
import io.dynakv.core.storage.StoreKeys;
import io.dynakv.node.storage.NodeStore;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose store was damaged while it was down never serves wrong data: an object whose
 * stored bytes are garbage is refused (its key answers 5xx, the log names the replica and the
 * key) while every other key is served correctly; a truncated table file either stops the
 * node at start with a message naming the store, or leaves it serving only what it can read.
 */
class CorruptedStoreTest {

  private static final int KEYS = 200;

  @TempDir Path dataDir;

  @Test
  void aDamagedObjectIsRefusedNeverServed() throws Exception {
    NodeProcess node = singleNode();
    try {
      node.start();
      node.awaitReady(Duration.ofSeconds(60));
      writeKeys(node);
      node.stop();

      // Overwrite one stored object with bytes that are no object.
      String victim;
      try (NodeStore store = NodeStore.open(dataDir.resolve("store"), NodeStore.Settings.DEFAULT)) {
        List<StoreKeys.Replica> replicas = store.replicas();
        assertThat(replicas).isNotEmpty();
        byte[] prefix = StoreKeys.replicaPrefix(replicas.get(0).partition(), replicas.get(0).hintFor());
        Key[] first = new Key[1];
        store.scan(prefix, null, (k, o) -> {
          first[0] = k;
          return false;
        });
        victim = first[0].key();
        NodeStore.Writes writes = store.newWrites();
        writes.putObject(prefix, first[0], 0, new byte[] {(byte) 0xbf, 0x61, 0x6b, (byte) 0xff}, -1);
        store.commit(writes).join();
      }
      node.start();
      awaitAnswering(node);
      int served = 0;
      int refused = 0;
      for (int i = 0; i < KEYS; i++) {
        Http.Answer a = Http.get(node.uri(key(i) + "?timeout=1000"));
        if (a.status() == 200) {
          assertThat(a.body()).as("value of " + key(i) + " after the damage").isEqualTo("v2-" + i);
          served++;
        } else {
          assertThat(a.status()).as(key(i) + ": " + a.body()).isGreaterThanOrEqualTo(500);
          assertThat("k" + i).as("only the damaged key is refused").isEqualTo(victim);
          refused++;
        }
      }
      System.out.printf("damaged object of %s: %d keys served correctly, %d refused%n", victim, served, refused);
      assertThat(refused).as("the damaged key").isEqualTo(1);
      String log = Files.readString(dataDir.resolve("node.log"));
      assertThat(log).contains("cannot decode").contains("damage/" + victim);
    } finally {
      node.kill();
    }
  }

  @Test
  void aTruncatedTableFileIsRefusedOrRecoveredNeverServedWrong() throws Exception {
    NodeProcess node = singleNode();
    try {
      node.start();
      node.awaitReady(Duration.ofSeconds(60));
      writeKeys(node);
      node.stop();
      Path file;
      try (Stream<Path> files = Files.list(dataDir.resolve("store"))) {
        file =
            files
                .filter(f -> f.getFileName().toString().endsWith(".sst"))
                .max(Comparator.comparingLong(f -> f.toFile().length()))
                .orElseThrow(() -> new AssertionError("no table file after a clean stop"));
      }
      try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
        raf.setLength(raf.length() / 2);
      }
      node.start();
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(300))
          .until(() -> !node.isAlive() || answering(node));
      if (!node.isAlive()) {
        assertThat(node.exitCode()).isNotZero();
        String out = Files.readString(dataDir.resolve("stdout.log"));
        assertThat(out).as("the message names the store").contains(dataDir.resolve("store").toString());
        System.out.println(
            "truncated table file: the node refused to start: "
                + out.lines().filter(l -> l.contains("failed to start")).findFirst().orElse("?"));
        return;
      }
      // It came up: whatever it serves must be right, and a key it cannot serve must say so
      // (5xx), never answer 404 for an acknowledged write.
      int served = 0;
      for (int i = 0; i < KEYS; i++) {
        Http.Answer a = Http.get(node.uri(key(i) + "?timeout=1000"));
        if (a.status() == 200) {
          assertThat(a.body()).isEqualTo("v2-" + i);
          served++;
        } else {
          assertThat(a.status()).as(key(i) + " after truncation: " + a.body()).isGreaterThanOrEqualTo(500);
        }
      }
      System.out.println("truncated table file: the node came up and served " + served + " of " + KEYS + " keys, each correctly");
    } finally {
      node.kill();
    }
  }

  private NodeProcess singleNode() {
    return new NodeProcess(
        "node-1",
        dataDir,
        NodeProcess.freePort(),
        NodeProcess.freePort(),
        List.of(),
        Map.of(
            "dynakv.defaults.n", "1",
            "dynakv.defaults.r", "1",
            "dynakv.defaults.w", "1",
            "dynakv.ring.partitions", "16",
            "dynakv.anti-entropy.enabled", "off"));
  }

  private static void writeKeys(NodeProcess node) throws Exception {
    for (int i = 0; i < KEYS; i++) {
      Http.Answer first = Http.put(node.uri(key(i)), "v1-" + i, "text/plain", null);
      assertThat(first.status()).isEqualTo(204);
      assertThat(Http.put(node.uri(key(i)), "v2-" + i, "text/plain", first.context()).status()).isEqualTo(204);
    }
  }

  private static boolean answering(NodeProcess node) {
    try {
      return Http.get(node.uri("/v1/health")).status() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  /** Started, serving HTTP (ready or not: a damaged replica keeps it from being ready). */
  private static void awaitAnswering(NodeProcess node) {
    Awaitility.await("node answering HTTP")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () ->
                Http.get(node.uri("/v1/health")).status() == 200
                    && Http.get(node.uri("/v1/ring")).status() == 200);
  }

  private static String key(int i) {
    return "/v1/buckets/damage/keys/k" + i;
  }
}
