package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A node whose journal was damaged while it was down never serves wrong data: a corrupted
 * snapshot or event row leaves that partition unable to recover (its keys answer 5xx, the log
 * names the replica, `/v1/ready` stays 503) while every other key is served correctly; a
 * truncated database file stops the node at start with a message naming the file.
 */
class CorruptedJournalTest {

  private static final int KEYS = 200;

  @TempDir Path dataDir;

  @Test
  void damagedSnapshotAndEventRowsAreRefusedNeverServed() throws Exception {
    NodeProcess node = singleNode();
    try {
      node.start();
      node.awaitReady(Duration.ofSeconds(60));
      writeKeys(node);
      node.stop();

      // Row damage: one replica's snapshot, another's latest event.
      String snapshotVictim;
      String eventVictim;
      try (Connection db = openJournal()) {
        snapshotVictim = firstString(db, "SELECT \"persistence_id\" FROM \"snapshot\" WHERE \"persistence_id\" LIKE 'partition|%' ORDER BY 1");
        eventVictim =
            firstString(
                db,
                "SELECT \"persistence_id\" FROM \"event_journal\" WHERE \"persistence_id\" LIKE 'partition|%' AND \"persistence_id\" <> '"
                    + snapshotVictim
                    + "' ORDER BY 1");
        try (PreparedStatement s = db.prepareStatement("UPDATE \"snapshot\" SET \"snapshot_payload\" = ? WHERE \"persistence_id\" = ?")) {
          s.setBytes(1, new byte[] {(byte) 0xff, 0x13, 0x37, 0x00, 0x42});
          s.setString(2, snapshotVictim);
          assertThat(s.executeUpdate()).isPositive();
        }
        try (PreparedStatement s =
            db.prepareStatement(
                "UPDATE \"event_journal\" SET \"event_payload\" = ? WHERE \"persistence_id\" = ? AND \"sequence_number\" = "
                    + "(SELECT MAX(\"sequence_number\") FROM \"event_journal\" WHERE \"persistence_id\" = ?)")) {
          s.setBytes(1, new byte[] {(byte) 0xbf, 0x61, 0x6b, (byte) 0xff});
          s.setString(2, eventVictim);
          s.setString(3, eventVictim);
          assertThat(s.executeUpdate()).isEqualTo(1);
        }
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
          refused++;
        }
      }
      System.out.printf(
          "damaged rows of %s (snapshot) and %s (event): %d keys served correctly, %d refused%n",
          snapshotVictim, eventVictim, served, refused);
      assertThat(refused).as("keys of the damaged replicas").isPositive();
      assertThat(served).isGreaterThan(KEYS / 2);
      assertThat(Http.get(node.uri("/v1/ready")).status()).isEqualTo(503);
      String log = Files.readString(dataDir.resolve("node.log"));
      assertThat(log).contains(snapshotVictim).contains(eventVictim);

    } finally {
      node.kill();
    }
  }

  @Test
  void aTruncatedJournalFileIsRefusedOrRecoveredNeverServedWrong() throws Exception {
    NodeProcess node = singleNode();
    try {
      node.start();
      node.awaitReady(Duration.ofSeconds(60));
      writeKeys(node);
      node.stop();
      Path file = dataDir.resolve("journal.mv.db");
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
        assertThat(out).as("the message names the file").contains("journal.mv.db");
        System.out.println(
            "truncated journal: the node refused to start: "
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
      System.out.println("truncated journal: the node recovered and served " + served + " of " + KEYS + " keys, each correctly");
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
            "dynakv.storage.snapshot-min-events", "5",
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

  private Connection openJournal() throws Exception {
    return DriverManager.getConnection("jdbc:h2:file:" + dataDir.resolve("journal") + ";IFEXISTS=TRUE", "dynakv", "");
  }

  private static String firstString(Connection db, String sql) throws Exception {
    try (ResultSet rs = db.createStatement().executeQuery(sql)) {
      assertThat(rs.next()).as(sql).isTrue();
      return rs.getString(1);
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

  private static boolean ready(NodeProcess node) {
    try {
      return Http.get(node.uri("/v1/ready")).status() == 200;
    } catch (Exception e) {
      return false;
    }
  }

  private static String key(int i) {
    return "/v1/buckets/damage/keys/k" + i;
  }
}
