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
import io.dynakv.node.storage.JournalCompactor;
import io.dynakv.node.storage.JournalDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One partition replica over the real H2 journal: writes, merges, snapshots, compaction, replay. */
class PartitionReplicaTest {

  @TempDir Path dataDir;

  private static Value value(String s, long ts) {
    return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", ts);
  }

  private static long rows(JournalDatabase db, String table, String persistenceId) throws Exception {
    try (Connection c = db.connect();
        PreparedStatement st =
            c.prepareStatement(
                "SELECT COUNT(*) FROM \"" + table + "\" WHERE \"persistence_id\" = ?")) {
      st.setString(1, persistenceId);
      try (ResultSet rs = st.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  @Test
  void replicaSnapshotsCompactsTheJournalAndRecoversEveryObject() throws Exception {
    Config config = TestNodes.config(dataDir, "dynakv.storage.snapshot-min-events = 20");
    JournalDatabase db = JournalDatabase.fromConfig(config);
    db.createSchema();
    String pid = PartitionReplica.persistenceId(7, null).id();

    ActorTestKit first = ActorTestKit.create("replica-test", config);
    try {
      ActorRef<JournalCompactor.Command> compactor =
          first.spawn(JournalCompactor.create(db));
      ActorRef<PartitionReplica.Command> replica =
          first.spawn(PartitionReplica.create("n1", 7, null, 20, compactor, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = first.createTestProbe();
      // 10 keys written 30 times each: 300 events over a live size of 10.
      for (int round = 0; round < 30; round++) {
        for (int k = 0; k < 10; k++) {
          replica.tell(
              new PartitionReplica.Coordinate(
                  new Key("b", "k" + k),
                  round == 0 ? VersionVector.empty() : lastContext(replica, first, k),
                  value("r" + round, round),
                  false,
                  stored.getRef()));
          stored.receiveMessage(Duration.ofSeconds(5));
        }
      }
      // Events up to the previous snapshot are gone; far fewer rows than the 300 written.
      org.awaitility.Awaitility.await()
          .atMost(Duration.ofSeconds(10))
          .until(() -> rows(db, "event_journal", pid) < 100);
      assertThat(rows(db, "snapshot", pid)).isBetween(1L, 2L);
    } finally {
      first.shutdownTestKit();
    }

    ActorTestKit second = ActorTestKit.create("replica-test", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          second.spawn(PartitionReplica.create("n1", 7, null, 20, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.ReadResult> reads = second.createTestProbe();
      for (int k = 0; k < 10; k++) {
        replica.tell(new PartitionReplica.Read(new Key("b", "k" + k), reads.getRef()));
        DvvSet object = reads.receiveMessage(Duration.ofSeconds(10)).object();
        assertThat(object.values()).containsExactly(value("r29", 29));
      }
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
    JournalDatabase db = JournalDatabase.fromConfig(config);
    db.createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-merge", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 3, null, 100, null, BackgroundBudget.unlimited()));
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
      assertThat(rows(db, "event_journal", PartitionReplica.persistenceId(3, null).id()))
          .isEqualTo(2);
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aFallbackReplicaKeepsItsHintsDurablyAndIsFoundAgainInTheJournal() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    JournalDatabase db = JournalDatabase.fromConfig(config);
    db.createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-fallback", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 5, "node-3", 100, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = kit.createTestProbe();
      fallback.tell(
          new PartitionReplica.Coordinate(
              new Key("b", "k"), VersionVector.empty(), value("hint", 1), false, stored.getRef()));
      assertThat(stored.receiveMessage(Duration.ofSeconds(5)).object().values())
          .containsExactly(value("hint", 1));
    } finally {
      kit.shutdownTestKit();
    }
    assertThat(db.persistenceIds("fallback|")).containsExactly("fallback|5|node-3");
    assertThat(db.persistenceIds("partition|")).isEmpty();
  }

  @Test
  void twoCopiesOnOneNodeNeverIssueTheSameDotForDifferentValues() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    JournalDatabase.fromConfig(config).createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-dots", config);
    try {
      // The same node stands in for two different primaries of one partition, and
      // coordinates a blind write of the same key on each copy.
      ActorRef<PartitionReplica.Command> forB =
          kit.spawn(PartitionReplica.create("n1", 9, "B", 100, null, BackgroundBudget.unlimited()));
      ActorRef<PartitionReplica.Command> forC =
          kit.spawn(PartitionReplica.create("n1", 9, "C", 100, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      forB.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("via-B", 1), false, stored.getRef()));
      DvvSet b = stored.receiveMessage(Duration.ofSeconds(5)).object();
      forC.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("via-C", 2), false, stored.getRef()));
      DvvSet c = stored.receiveMessage(Duration.ofSeconds(5)).object();
      assertThat(b.merge(c).values()).containsExactlyInAnyOrder(value("via-B", 1), value("via-C", 2));
    } finally {
      kit.shutdownTestKit();
    }
  }

  @Test
  void aWriteAfterHandingAKeyOffDoesNotReuseADotThePrimaryHolds() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    JournalDatabase.fromConfig(config).createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-redo", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 4, "B", 100, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      fallback.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("first", 1), false, stored.getRef()));
      DvvSet handedOff = stored.receiveMessage(Duration.ofSeconds(5)).object();

      // The hint went home (the primary now holds handedOff) and the fallback dropped it.
      TestProbe<PartitionReplica.Dropped> dropped = kit.createTestProbe();
      fallback.tell(
          new PartitionReplica.DropIfUnchanged(
              java.util.List.of(new ReplicaSnapshot.Entry(key, handedOff)), dropped.getRef()));
      assertThat(dropped.receiveMessage(Duration.ofSeconds(5)).remaining()).isZero();

      // B is down again: a new blind write of the same key through the same copy.
      fallback.tell(new PartitionReplica.Coordinate(key, VersionVector.empty(), value("second", 2), false, stored.getRef()));
      DvvSet again = stored.receiveMessage(Duration.ofSeconds(5)).object();
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
    JournalDatabase.fromConfig(config).createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-stable-writer", config);
    try {
      ActorRef<PartitionReplica.Command> replica =
          kit.spawn(PartitionReplica.create("n1", 6, null, 100, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = kit.createTestProbe();
      Key kept = new Key("b", "kept");
      Key gone = new Key("b", "gone");
      DvvSet keptObject = DvvSet.empty();
      for (int round = 0; round < 5; round++) {
        replica.tell(new PartitionReplica.Coordinate(kept, keptObject.context(), value("k" + round, round), false, stored.getRef()));
        keptObject = stored.receiveMessage(Duration.ofSeconds(5)).object();
        replica.tell(new PartitionReplica.Coordinate(gone, VersionVector.empty(), value("g" + round, round), false, stored.getRef()));
        DvvSet goneObject = stored.receiveMessage(Duration.ofSeconds(5)).object();
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
    JournalDatabase.fromConfig(config).createSchema();
    ActorTestKit kit = ActorTestKit.create("replica-epochs", config);
    try {
      ActorRef<PartitionReplica.Command> fallback =
          kit.spawn(PartitionReplica.create("n1", 4, "B", 100, null, BackgroundBudget.unlimited()));
      TestProbe<PartitionReplica.Stored> stored = kit.createTestProbe();
      Key key = new Key("b", "k");
      DvvSet object = DvvSet.empty();
      DvvSet third = null;
      for (int i = 1; i <= 5; i++) {
        fallback.tell(new PartitionReplica.Coordinate(key, object.context(), value("w" + i, i), false, stored.getRef()));
        object = stored.receiveMessage(Duration.ofSeconds(5)).object();
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
      DvvSet late = stored.receiveMessage(Duration.ofSeconds(5)).object();

      assertThat(atPrimary.merge(late).values()).contains(value("late", 9), value("w5", 5));
      assertThat(late.merge(atPrimary).values()).contains(value("late", 9), value("w5", 5));
    } finally {
      kit.shutdownTestKit();
    }
  }

  /** Keys and their writers survive a snapshot: the epoch and each key's creation epoch. */
  @Test
  void aSnapshotKeepsTheEpochsThatMakeDotsUnique() {
    Key a = new Key("b", "a");
    Key b = new Key("b", "b");
    DvvSet object = DvvSet.empty().update(VersionVector.empty(), value("x", 1), "w");
    ReplicaState state =
        ReplicaState.empty().withWriterBase("n1/10000001").with(a, object).without(java.util.List.of(a));
    state = state.with(b, object).with(a, object).without(java.util.List.of(b)).with(b, object);
    assertThat(state.epoch()).isEqualTo(2);
    ReplicaState restored = ReplicaSnapshot.of(state).toState();
    assertThat(restored.epoch()).isEqualTo(2);
    assertThat(restored.writerFor(a)).isEqualTo("n1/10000001/1").isEqualTo(state.writerFor(a));
    assertThat(restored.writerFor(b)).isEqualTo("n1/10000001/2").isEqualTo(state.writerFor(b));
    assertThat(restored.writerFor(new Key("b", "absent"))).isEqualTo("n1/10000001/2");
    assertThat(restored.objects()).isEqualTo(state.objects());
  }
}
