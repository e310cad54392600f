package io.dynakv.node.replica;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.Config;
import io.dynakv.core.Key;
import io.dynakv.core.Limits;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.TestNodes;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.ring.RingManager;
import io.dynakv.node.storage.NodeStorage;
import io.dynakv.node.storage.NodeStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A replica host over the real store, with a ring of its own: what it answers for a read
 * of a partition it holds no replica of, and that writes designated to it still land.
 *
 * <p>The ring: 16 partitions owned round-robin by n1..n4, so with n = 3 the walk from a
 * partition owned by n2 (1, 5, 9, 13) is n2, n3, n4: those are the partitions n1 does not hold.
 */
class ReplicaHostTest {

  @TempDir static Path dataDir;
  static ActorTestKit kit;
  static NodeStore store;

  private static final Key KEY = new Key("b", "k");
  private static final Ring RING;

  static {
    List<String> owners = new ArrayList<>();
    for (int p = 0; p < 16; p++) {
      owners.add("n" + (p % 4 + 1));
    }
    RING = new Ring(1, 16, List.of("n1", "n2", "n3", "n4"), owners);
  }

  @BeforeAll
  static void start() throws Exception {
    Config config = TestNodes.config(dataDir, null);
    kit = ActorTestKit.create("replica-host-test", config);
    store = NodeStorage.get(kit.system());
  }

  @AfterAll
  static void stop() {
    kit.shutdownTestKit();
  }

  /** Host n1, subscribed to a ring manager that hands it RING. */
  private static ActorRef<ReplicaHost.Command> host() {
    TestProbe<RingManager.Command> ringManager = kit.createTestProbe();
    ActorRef<ReplicaHost.Command> host =
        kit.spawn(
            ReplicaHost.create(
                "n1",
                16,
                3,
                1 << 20,
                Limits.defaults(),
                store,
                ringManager.getRef(),
                BackgroundBudget.unlimited(),
                Duration.ZERO));
    ringManager.expectMessageClass(RingManager.Subscribe.class).subscriber().tell(RING);
    return host;
  }

  private static ReadReply read(ActorRef<ReplicaHost.Command> host, int p, String hintFor, int n) {
    TestProbe<ReadReply> reply = kit.createTestProbe();
    host.tell(new ReplicaHost.Read(p, hintFor, KEY, n, reply.getRef()));
    return reply.receiveMessage(Duration.ofSeconds(5));
  }

  private static List<ReplicaHost.HostedReplica> hosted(ActorRef<ReplicaHost.Command> host) {
    TestProbe<ReplicaHost.HostedReplicas> listed = kit.createTestProbe();
    host.tell(new ReplicaHost.ListReplicas(listed.getRef()));
    return listed.receiveMessage().replicas();
  }

  private static DvvSet object(String s) {
    return DvvSet.empty()
        .update(VersionVector.empty(), Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 1L), "n2");
  }

  private static void replicate(ActorRef<ReplicaHost.Command> host, int p, String hintFor, DvvSet object) {
    TestProbe<PartitionReplica.Replicated> acks = kit.createTestProbe();
    host.tell(new ReplicaHost.Replicate(p, hintFor, KEY, object, false, acks.getRef()));
    assertThat(acks.receiveMessage(Duration.ofSeconds(5)).node()).isEqualTo("n1");
  }

  private static boolean journalled(String persistenceId) {
    return store.hasJournal(persistenceId);
  }

  @Test
  void aReadOfAPartitionTheRingDoesNotGiveThisNodeAnswersNotMineAndStartsNoReplica() throws Exception {
    ActorRef<ReplicaHost.Command> host = host();

    assertThat(read(host, 1, null, 3)).isEqualTo(new ReplicaHost.NotMine("n1", 1, null));

    assertThat(hosted(host)).noneMatch(r -> r.partition() == 1);
    assertThat(journalled(PartitionReplica.persistenceId(1, null).id())).isFalse();
  }

  @Test
  void whetherThisNodeHoldsAPartitionFollowsTheReadsN() {
    ActorRef<ReplicaHost.Command> host = host();
    // Partition 2's walk is n3, n4, n1: third, so held under n = 3 but not under n = 2.
    assertThat(read(host, 2, null, 2)).isInstanceOf(ReplicaHost.NotMine.class);
    ReadReply held = read(host, 2, null, 3);
    assertThat(held).isInstanceOf(PartitionReplica.ReadResult.class);
    assertThat(((PartitionReplica.ReadResult) held).object().isEmpty()).isTrue();
  }

  @Test
  void aHintedWriteForAPartitionNotHeldIsAcceptedAndOnlyThatHintAnswersReads() {
    ActorRef<ReplicaHost.Command> host = host();
    DvvSet object = object("hinted");

    replicate(host, 5, "n2", object);

    assertThat(read(host, 5, "n2", 3)).isEqualTo(new PartitionReplica.ReadResult("n1", KEY, object));
    // No hints for n3 here, and partition 5 is not n1's: nothing to answer for.
    assertThat(read(host, 5, "n3", 3)).isEqualTo(new ReplicaHost.NotMine("n1", 5, "n3"));
    assertThat(hosted(host))
        .filteredOn(r -> r.partition() == 5)
        .extracting(ReplicaHost.HostedReplica::hintFor)
        .containsExactly("n2");
  }

  @Test
  void aLeftoverReplicaOfAPartitionNoLongerHeldTakesWritesButDoesNotAnswerReads() {
    ActorRef<ReplicaHost.Command> host = host();
    // A coordinator on an older ring still writes here: accepted, handoff moves it on.
    replicate(host, 9, null, object("late"));

    assertThat(hosted(host)).anyMatch(r -> r.partition() == 9 && r.hintFor() == null);
    assertThat(read(host, 9, null, 3)).isEqualTo(new ReplicaHost.NotMine("n1", 9, null));
  }
}
