package io.dynakv.node.replica;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.TestNodes;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.storage.JournalRecords;
import io.dynakv.node.storage.NodeStorage;
import io.dynakv.node.storage.NodeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One partition replica over the node's real store: writes, merges, restarts, drops. */
class PartitionReplicaTest {

  @TempDir Path dataDir;

  private static Value value(String s, long ts) {
    return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", ts);
  }

  private static NodeStore store(ActorTestKit kit) {
    return NodeStorage.get(kit.system());
  }

  @Test
  void objectsLiveInTheStoreAndAReplicaRestartsWithoutReplayingAnything() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    String pid = PartitionReplica.persistenceId(7, null).id();

    ActorTestKit first = ActorTestKit.create("replica-test", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          first.spawn(PartitionReplica.create("n1", 7, null, store(first), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = first.createTestProbe();
      // 10 keys written 30 times each.
      for (int round = 0; round < 30; round++) {
        for (int k = 0; k < 10; k++) {
          replica.tell(
              new PartitionReplica.Coordinate(
                  new Key("b", "k" + k),
                  round == 0 ? VersionVector.empty() : lastContext(replica, first, k),
                  value("r" + round, round),
                  false,
                  stored.getRef()));
          stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5));
        }
      }
      // The journal keeps no event of a replica, only its sequence number; the store holds
      // the ten latest objects.
      java.util.concurrent.atomic.AtomicInteger events = new java.util.concurrent.atomic.AtomicInteger();
      store(first).events(pid, 0, Long.MAX_VALUE, Long.MAX_VALUE, e -> events.incrementAndGet());
      assertThat(events.get()).isZero();
      assertThat(store(first).longRecord(JournalRecords.highest(pid), 0)).isEqualTo(300);
      java.util.List<Key> keys = new java.util.ArrayList<>();
      store(first).scan(io.dynakv.core.storage.StoreKeys.replicaPrefix(7, null), null, (k, o) -> keys.add(k));
      assertThat(keys).hasSize(10);
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("replica-test", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          second.spawn(PartitionReplica.create("n1", 7, null, store(second), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.ReadResult> reads = second.createTestProbe();
      for (int k = 0; k < 10; k++) {
        replica.tell(new PartitionReplica.Read(new Key("b", "k" + k), reads.getRef()));
        DvvSet object = reads.receiveMessage(Duration.ofSeconds(10)).object();
        assertThat(object.values()).containsExactly(value("r29", 29));
      }
      TestProbe<PartitionReplica.Stats> stats = second.createTestProbe();
      replica.tell(new PartitionReplica.GetStats(stats.getRef()));
      assertThat(stats.receiveMessage().objects()).isEqualTo(10);
      // The sequence numbers go on after the restart.
      TestProbe<PartitionReplica.Coordinated> stored = second.createTestProbe();
      replica.tell(
          new PartitionReplica.Coordinate(
              new Key("b", "k0"), lastContext(replica, second, 0), value("r30", 30), false, stored.getRef()));
      stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5));
      assertThat(store(second).longRecord(JournalRecords.highest(pid), 0)).isEqualTo(301);
    } finally {
      second.shutdownTestKit();
    }
  }

  private static VersionVector lastContext(
      ActorRef<PartitionReplica.Command> replica, ActorTestKit kit, int k) {
    TestProbe<PartitionReplica.ReadResult> probe = kit.createTestProbe();
    replica.tell(new PartitionReplica.Read(new Key("b", "k" + k), probe.getRef()));
    return probe.receiveMessage(Duration.ofSeconds(5)).object().context();
  }

  @Test
  void replicateMergesConcurrentVersionsAndAcknowledgesKnownOnesWithoutWriting() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-merge", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 3, null, store(kit), BackgroundBudget.unlimited()));
      Key key = new Key("b", "k");
      DvvSet fromN2 = DvvSet.empty().update(VersionVector.empty(), value("two", 2), "n2");
      DvvSet fromN3 = DvvSet.empty().update(VersionVector.empty(), value("three", 3), "n3");
      TestProbe<PartitionReplica.Replicated> acks = kit.createTestProbe();
      replica.tell(new PartitionReplica.Replicate(key, fromN2, false, acks.getRef()));
      replica.tell(new PartitionReplica.Replicate(key, fromN3, false, acks.getRef()));
      replica.tell(new PartitionReplica.Replicate(key, fromN3, false, acks.getRef()));
      acks.receiveSeveralMessages(3, Duration.ofSeconds(5));
      TestProbe<PartitionReplica.ReadResult> reads = kit.createTestProbe();
      replica.tell(new PartitionReplica.Read(key, reads.getRef()));
      assertThat(reads.receiveMessage().object()).isEqualTo(fromN2.merge(fromN3));
      // Two changes persisted; the duplicate was acknowledged without a third event.
      assertThat(store(kit).longRecord(JournalRecords.highest(PartitionReplica.persistenceId(3, null).id()), 0))
          .isEqualTo(2);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void takeBatchPagesThroughTheReplicaInKeyOrderFromTheLastKeySeen() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-pages", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 4, null, store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Replicated> acks = kit.createTestProbe();
      java.util.TreeSet<String> written = new java.util.TreeSet<>();
      for (int i = 0; i < 25; i++) {
        String k = "k" + (i * 7919 % 1000);
        written.add(k);
        DvvSet object = DvvSet.empty().update(VersionVector.empty(), value(k, i + 1), "n2");
        replica.tell(new PartitionReplica.Replicate(new Key("b", k), object, false, acks.getRef()));
      }
      acks.receiveSeveralMessages(25, Duration.ofSeconds(5));
      TestProbe<PartitionReplica.Batch> pages = kit.createTestProbe();
      java.util.List<String> seen = new java.util.ArrayList<>();
      Key after = null;
      for (int page = 0; page < 10; page++) {
        replica.tell(new PartitionReplica.TakeBatch(10, after, pages.getRef()));
        java.util.List<io.dynakv.node.replica.ReplicaSnapshot.Entry> entries = pages.receiveMessage().entries();
        if (entries.isEmpty()) {
          break;
        }
        assertThat(entries).hasSizeLessThanOrEqualTo(10);
        entries.forEach(e -> seen.add(e.key().key()));
        after = entries.get(entries.size() - 1).key();
      }
      // Every key once, in key order: three pages of 10, 10 and 5, then an empty one.
      assertThat(seen).containsExactlyElementsOf(written);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aFallbackReplicaKeepsItsHintsDurablyAndIsFoundAgainInTheStore() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-fallback", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 5, "node-3", store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      fallback.tell(
          new PartitionReplica.Coordinate(
              new Key("b", "k"), VersionVector.empty(), value("hint", 1), false, stored.getRef()));
      assertThat(stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object().values())
          .containsExactly(value("hint", 1));
    } finally {
      kit.shutdownTestKit();
    }
    try (NodeStore reopened = NodeStore.open(NodeStorage.directory(config), NodeStore.Settings.DEFAULT)) {
      assertThat(reopened.replicas()).containsExactly(new io.dynakv.core.storage.StoreKeys.Replica(5, "node-3"));
    }
  }

  @Test
  void twoCopiesOnOneNodeNeverIssueTheSameDotForDifferentValues() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-dots", config);
    try {
      // The same node stands in for two different primaries of one partition, and
      // coordinates a blind write of the same key on each copy.
      ActorRef<PartitionReplica.Command> forB =
          kit.spawn(PartitionReplica.create("n1", 9, "B", store(kit), BackgroundBudget.unlimited()));
      ActorRef<PartitionReplica.Command> forC =
          kit.spawn(PartitionReplica.create("n1", 9, "C", store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      forB.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("via-B", 1), false, stored.getRef()));
      DvvSet b = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      forC.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("via-C", 2), false, stored.getRef()));
      DvvSet c = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      assertThat(b.merge(c).values()).containsExactlyInAnyOrder(value("via-B", 1), value("via-C", 2));
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aWriteAfterHandingAKeyOffDoesNotReuseADotThePrimaryHolds() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-redo", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 4, "B", store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      fallback.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("first", 1), false, stored.getRef()));
      DvvSet handedOff = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();

      // The hint went home (the primary now holds handedOff) and the fallback dropped it.
      TestProbe<PartitionReplica.Dropped> dropped = kit.createTestProbe();
      fallback.tell(
          new PartitionReplica.DropIfUnchanged(
              java.util.List.of(new ReplicaSnapshot.Entry(key, handedOff)), dropped.getRef()));
      assertThat(dropped.receiveMessage(Duration.ofSeconds(5)).remaining()).isZero();

      // B is down again: a new blind write of the same key through the same copy.
      fallback.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("second", 2), false, stored.getRef()));
      DvvSet again = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      assertThat(handedOff.merge(again).values())
          .containsExactlyInAnyOrder(value("first", 1), value("second", 2));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /**
   * Issue 8: a drop used to give the whole copy a new writer id, so every key written through it
   * afterwards gained a clock entry. Now only a dropped key that comes back gets a new writer.
   */
  @Test
  void droppingOneKeyGivesTheOtherKeysNoNewClockEntry() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-stable-writer", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 6, null, store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      Key kept = new Key("b", "kept");
      Key gone = new Key("b", "gone");
      DvvSet keptObject = DvvSet.empty();
      for (int round = 0; round < 5; round++) {
        replica.tell(new PartitionReplica.Coordinate(kept, keptObject.context(), value("k" + round, round), false, stored.getRef()));
        keptObject = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
        replica.tell(new PartitionReplica.Coordinate(gone, VersionVector.empty(), value("g" + round, round), false, stored.getRef()));
        DvvSet goneObject = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
        TestProbe<PartitionReplica.Dropped> dropped = kit.createTestProbe();
        replica.tell(
            new PartitionReplica.DropIfUnchanged(
                java.util.List.of(new ReplicaSnapshot.Entry(gone, goneObject)), dropped.getRef()));
        dropped.receiveMessage(Duration.ofSeconds(5));
      }
      assertThat(keptObject.clock().size()).isEqualTo(1);
      assertThat(keptObject.values()).containsExactly(value("k4", 4));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /**
   * A copy wrote a key five times, handed it off and dropped it; then an older version of the
   * key (one that had seen only its first three writes) comes back to it by replication, and it
   * coordinates a write. The new write must not reuse the fourth dot: the primary holds it for
   * another value, and a merge would drop one of the two.
   */
  @Test
  void aKeyThatReturnsAfterADropIsWrittenByAWriterThatNeverWroteIt() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-epochs", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 4, "B", store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      DvvSet object = DvvSet.empty();
      DvvSet third = null;
      for (int i = 1; i <= 5; i++) {
        fallback.tell(new PartitionReplica.Coordinate(key, object.context(), value("w" + i, i), false, stored.getRef()));
        object = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
        if (i == 3) {
          third = object;
        }
      }
      DvvSet atPrimary = object;
      TestProbe<PartitionReplica.Dropped> dropped = kit.createTestProbe();
      fallback.tell(
          new PartitionReplica.DropIfUnchanged(
              java.util.List.of(new ReplicaSnapshot.Entry(key, atPrimary)), dropped.getRef()));
      assertThat(dropped.receiveMessage(Duration.ofSeconds(5)).remaining()).isZero();

      TestProbe<PartitionReplica.Replicated> replicated = kit.createTestProbe();
      fallback.tell(new PartitionReplica.Replicate(key, third, false, replicated.getRef()));
      replicated.receiveMessage(Duration.ofSeconds(5));
      fallback.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("late", 9), false, stored.getRef()));
      DvvSet late = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();

      assertThat(atPrimary.merge(late).values()).contains(value("late", 9), value("w5", 5));
      assertThat(late.merge(atPrimary).values()).contains(value("late", 9), value("w5", 5));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** A copy's writer and epoch survive a restart: the keys it keeps keep their writer. */
  @Test
  void theWriterAndTheEpochSurviveARestart() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    Key kept = new Key("b", "kept");
    Key gone = new Key("b", "gone");
    String base;
    ActorTestKit kit = ActorTestKit.create("replica-epoch-restart", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 2, null, store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      replica.tell(new PartitionReplica.Coordinate(kept, VersionVector.empty(), value("k", 1), false, stored.getRef()));
      base = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object().clock().entries().firstKey();
      replica.tell(new PartitionReplica.Coordinate(gone, VersionVector.empty(), value("g", 1), false, stored.getRef()));
      DvvSet goneObject = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      TestProbe<PartitionReplica.Dropped> dropped = kit.createTestProbe();
      replica.tell(
          new PartitionReplica.DropIfUnchanged(
              java.util.List.of(new ReplicaSnapshot.Entry(gone, goneObject)), dropped.getRef()));
      assertThat(dropped.receiveMessage(Duration.ofSeconds(5)).remaining()).isEqualTo(1);
    } finally {
      kit.shutdownTestKit();
    }
    ActorTestKit again = ActorTestKit.create("replica-epoch-restart", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          again.spawn(PartitionReplica.create("n1", 2, null, store(again), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = again.createTestProbe();
      replica.tell(new PartitionReplica.Coordinate(gone, VersionVector.empty(), value("g2", 2), false, stored.getRef()));
      assertThat(stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object().clock().entries().keySet())
          .containsExactly(base + "/1");
      TestProbe<PartitionReplica.ReadResult> reads = again.createTestProbe();
      replica.tell(new PartitionReplica.Read(kept, reads.getRef()));
      DvvSet keptObject = reads.receiveMessage(Duration.ofSeconds(5)).object();
      replica.tell(new PartitionReplica.Coordinate(kept, keptObject.context(), value("k2", 2), false, stored.getRef()));
      assertThat(stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object().clock().entries())
          .containsOnlyKeys(base)
          .containsEntry(base, 2L);
    } finally {
      again.shutdownTestKit();
    }
  }

  /**
   * A coordinated write hands its new object to the coordinator before persisting it, so a copy
   * restarted without a clean close (here: the actor stopped and started again within the
   * run) must not issue that dot again: it writes under a new writer.
   */
  @Test
  void aCopyStartedAgainWithoutACleanCloseWritesUnderANewWriter() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    ActorTestKit kit = ActorTestKit.create("replica-unclean", config);
    try {
      Key key = new Key("b", "k");
      ActorRef<PartitionReplica.Command> first =
          kit.spawn(PartitionReplica.create("n1", 8, null, store(kit), BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Coordinated> stored = kit.createTestProbe();
      TestProbe<PartitionReplica.Computed> computed = kit.createTestProbe();
      first.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("a", 1), false, stored.getRef(), computed.getRef()));
      DvvSet early = computed.receiveMessage(Duration.ofSeconds(5)).object();
      DvvSet durable = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      assertThat(early).isEqualTo(durable);
      String base = durable.clock().entries().firstKey();
      kit.stop(first);

      ActorRef<PartitionReplica.Command> again =
          kit.spawn(PartitionReplica.create("n1", 8, null, store(kit), BackgroundBudget.unlimited()));
      again.tell(new PartitionReplica.Coordinate(key, durable.context(), value("b", 2), false, stored.getRef()));
      DvvSet next = stored.expectMessageClass(PartitionReplica.Stored.class, Duration.ofSeconds(5)).object();
      assertThat(next.values()).containsExactly(value("b", 2));
      assertThat(next.clock().entries()).hasSize(2).containsEntry(base, 1L);
    } finally {
      kit.shutdownTestKit();
    }
  }
}
