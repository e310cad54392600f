package io.dynakv.node.coordinator;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import com.typesafe.config.ConfigFactory;
import io.dynakv.core.Key;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Target;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.metrics.QuorumMetrics;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Coordinators against three fake replica hosts: they must fan out to every target, count
 * acknowledgements, fail when the deadline passes, and repair stale replicas after a read.
 */
class CoordinatorTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(ConfigFactory.parseString("akka.actor.provider = local"));

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  private static final Key KEY = new Key("b", "k");
  private static final PreferenceList LIST =
      new PreferenceList(
          5,
          List.of(
              new Target("n1", true, null),
              new Target("n2", true, null),
              new Target("n4", false, "n3")));

  private static Value value(String s) {
    return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 1L);
  }

  record Hosts(
      TestProbe<ReplicaHost.Command> n1,
      TestProbe<ReplicaHost.Command> n2,
      TestProbe<ReplicaHost.Command> n4) {
    Map<String, ActorRef<ReplicaHost.Command>> map() {
      return Map.of("n1", n1.getRef(), "n2", n2.getRef(), "n4", n4.getRef());
    }
  }

  private static final QuorumMetrics NO_METRICS = QuorumMetrics.unexported();

  private static Hosts hosts() {
    return new Hosts(testKit.createTestProbe(), testKit.createTestProbe(), testKit.createTestProbe());
  }

  @Test
  void putAppliesLocallyThenReplicatesToEveryOtherTargetAndAnswersAfterWAcks() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    PutRequest request =
        new PutRequest(KEY, VersionVector.empty(), value("v"), 3, 2, false, Duration.ofSeconds(3), client.getRef());
    QuorumMetrics metrics = QuorumMetrics.unexported();
    testKit.spawn(PutCoordinator.create(request, LIST, List.of(), List.of(), "n1", hosts.map()::get, metrics));

    ReplicaHost.Coordinate local = hosts.n1().expectMessageClass(ReplicaHost.Coordinate.class);
    DvvSet stored = DvvSet.empty().update(VersionVector.empty(), value("v"), "n1");
    local.replyTo().tell(new PartitionReplica.Stored("n1", KEY, stored));

    ReplicaHost.Replicate toN2 = hosts.n2().expectMessageClass(ReplicaHost.Replicate.class);
    ReplicaHost.Replicate toN4 = hosts.n4().expectMessageClass(ReplicaHost.Replicate.class);
    assertThat(toN2.object()).isEqualTo(stored);
    assertThat(toN4.hintFor()).isEqualTo("n3");
    client.expectNoMessage(Duration.ofMillis(100));

    toN4.replyTo().tell(new PartitionReplica.Replicated("n4", KEY));
    KvResponse answer = client.receiveMessage();
    assertThat(answer).isEqualTo(new KvResponse.Written(KEY, stored.context()));
    // The local ack and n4's; n4 stood in for n3 with a hint.
    assertThat(metrics.putAcks()).isEqualTo(2.0);
    assertThat(metrics.hintedWrites()).isEqualTo(1.0);
  }

  /**
   * Pipelined put: the other targets get the object as soon as the local replica computed it,
   * before its write is durable; the local ack counts only once it is.
   */
  @Test
  void putSendsTheComputedObjectOnBeforeTheLocalWriteIsDurable() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    PutRequest request =
        new PutRequest(KEY, VersionVector.empty(), value("v"), 3, 3, false, Duration.ofSeconds(3), client.getRef());
    testKit.spawn(PutCoordinator.create(request, LIST, List.of(), List.of(), "n1", hosts.map()::get, NO_METRICS));

    ReplicaHost.Coordinate local = hosts.n1().expectMessageClass(ReplicaHost.Coordinate.class);
    DvvSet computed = DvvSet.empty().update(VersionVector.empty(), value("v"), "n1");
    local.computedTo().tell(new PartitionReplica.Computed("n1", KEY, computed));

    ReplicaHost.Replicate toN2 = hosts.n2().expectMessageClass(ReplicaHost.Replicate.class);
    ReplicaHost.Replicate toN4 = hosts.n4().expectMessageClass(ReplicaHost.Replicate.class);
    assertThat(toN2.object()).isEqualTo(computed);
    toN2.replyTo().tell(new PartitionReplica.Replicated("n2", KEY));
    toN4.replyTo().tell(new PartitionReplica.Replicated("n4", KEY));
    // w = 3: the two remote acks are not enough while the local write is not durable.
    client.expectNoMessage(Duration.ofMillis(200));

    local.replyTo().tell(new PartitionReplica.Stored("n1", KEY, computed));
    assertThat(client.receiveMessage()).isEqualTo(new KvResponse.Written(KEY, computed.context()));
    // Sent once, not again when the local write completed.
    hosts.n2().expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void aTargetStillSilentAtTheDeadlineGetsAHintedStandIn() {
    Hosts hosts = hosts();
    TestProbe<ReplicaHost.Command> n5 = testKit.createTestProbe();
    Map<String, ActorRef<ReplicaHost.Command>> all = new java.util.HashMap<>(hosts.map());
    all.put("n5", n5.getRef());
    TestProbe<KvResponse> client = testKit.createTestProbe();
    PutRequest request =
        new PutRequest(KEY, VersionVector.empty(), value("v"), 3, 2, false, Duration.ofMillis(400), client.getRef());
    testKit.spawn(PutCoordinator.create(request, LIST, List.of("n5"), List.of(), "n1", all::get, NO_METRICS));
    DvvSet stored = DvvSet.empty().update(VersionVector.empty(), value("v"), "n1");
    hosts.n1().expectMessageClass(ReplicaHost.Coordinate.class).replyTo()
        .tell(new PartitionReplica.Stored("n1", KEY, stored));
    hosts.n2().expectMessageClass(ReplicaHost.Replicate.class).replyTo()
        .tell(new PartitionReplica.Replicated("n2", KEY));
    hosts.n4().expectMessageClass(ReplicaHost.Replicate.class); // never acks
    assertThat(client.receiveMessage()).isInstanceOf(KvResponse.Written.class);

    ReplicaHost.Replicate hint = n5.expectMessageClass(ReplicaHost.Replicate.class, Duration.ofSeconds(2));
    // n4 was itself standing in for n3: the new stand-in carries n3's hint.
    assertThat(hint.hintFor()).isEqualTo("n3");
    assertThat(hint.object()).isEqualTo(stored);
  }

  @Test
  void putFailsWithTheAckCountWhenTheDeadlinePasses() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    PutRequest request =
        new PutRequest(KEY, VersionVector.empty(), value("v"), 3, 3, false, Duration.ofMillis(300), client.getRef());
    testKit.spawn(PutCoordinator.create(request, LIST, List.of(), List.of(), "n1", hosts.map()::get, NO_METRICS));
    ReplicaHost.Coordinate local = hosts.n1().expectMessageClass(ReplicaHost.Coordinate.class);
    local.replyTo().tell(
        new PartitionReplica.Stored("n1", KEY, DvvSet.empty().update(VersionVector.empty(), value("v"), "n1")));
    hosts.n2().expectMessageClass(ReplicaHost.Replicate.class).replyTo()
        .tell(new PartitionReplica.Replicated("n2", KEY));

    KvResponse answer = client.receiveMessage(Duration.ofSeconds(2));
    assertThat(answer).isInstanceOf(KvResponse.Unavailable.class);
    KvResponse.Unavailable failed = (KvResponse.Unavailable) answer;
    assertThat(failed.error()).isEqualTo("quorum not met");
    assertThat(failed.acks()).isEqualTo(2);
    assertThat(failed.required()).isEqualTo(3);
  }

  @Test
  void putNeedingMoreAcksThanTargetsFailsAtOnce() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    PreferenceList one = new PreferenceList(5, List.of(new Target("n1", true, null)));
    PutRequest request =
        new PutRequest(KEY, VersionVector.empty(), value("v"), 3, 2, false, Duration.ofSeconds(3), client.getRef());
    testKit.spawn(PutCoordinator.create(request, one, List.of(), List.of(), "n1", hosts.map()::get, NO_METRICS));
    KvResponse.Unavailable failed =
        (KvResponse.Unavailable) client.receiveMessage(Duration.ofMillis(500));
    assertThat(failed.required()).isEqualTo(2);
    hosts.n1().expectNoMessage(Duration.ofMillis(100));
  }

  @Test
  void getAnswersAfterRRepliesWithTheMergeAndRepairsTheStaleReplica() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    GetRequest request = new GetRequest(KEY, 3, 2, false, Duration.ofSeconds(3), client.getRef());
    QuorumMetrics metrics = QuorumMetrics.unexported();
    testKit.spawn(GetCoordinator.create(request, LIST, hosts.map()::get, Duration.ofSeconds(1), metrics));

    DvvSet a = DvvSet.empty().update(VersionVector.empty(), value("a"), "n1");
    DvvSet b = DvvSet.empty().update(VersionVector.empty(), value("b"), "n2");
    hosts.n1().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new PartitionReplica.ReadResult("n1", KEY, a));
    ReplicaHost.Read readN2 = hosts.n2().expectMessageClass(ReplicaHost.Read.class);
    ReplicaHost.Read readN4 = hosts.n4().expectMessageClass(ReplicaHost.Read.class);
    assertThat(readN4.hintFor()).isEqualTo("n3");
    readN2.replyTo().tell(new PartitionReplica.ReadResult("n2", KEY, b));

    KvResponse answer = client.receiveMessage();
    DvvSet merged = a.merge(b);
    assertThat(answer).isEqualTo(new KvResponse.Found(KEY, merged));

    readN4.replyTo().tell(new PartitionReplica.ReadResult("n4", KEY, DvvSet.empty()));
    // Every replica lacked something: each gets the merged object.
    assertThat(hosts.n1().expectMessageClass(ReplicaHost.Replicate.class).object()).isEqualTo(merged);
    assertThat(hosts.n2().expectMessageClass(ReplicaHost.Replicate.class).object()).isEqualTo(merged);
    ReplicaHost.Replicate repairN4 = hosts.n4().expectMessageClass(ReplicaHost.Replicate.class);
    assertThat(repairN4.object()).isEqualTo(merged);
    assertThat(repairN4.hintFor()).isEqualTo("n3");
    assertThat(metrics.getAcks()).isEqualTo(3.0);
    assertThat(metrics.readRepairs()).isEqualTo(3.0);
  }

  @Test
  void getOfAKeyNobodyHasIsNotFound() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    GetRequest request = new GetRequest(KEY, 3, 2, false, Duration.ofSeconds(3), client.getRef());
    testKit.spawn(GetCoordinator.create(request, LIST, hosts.map()::get, Duration.ofMillis(200), NO_METRICS));
    hosts.n1().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new PartitionReplica.ReadResult("n1", KEY, DvvSet.empty()));
    hosts.n2().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new PartitionReplica.ReadResult("n2", KEY, DvvSet.empty()));
    assertThat(client.receiveMessage()).isInstanceOf(KvResponse.NotFound.class);
  }

  @Test
  void getAsksTheNextSpareInPlaceOfATargetThatHoldsNoReplicaAndAnswersWithTheValue() {
    Hosts hosts = hosts();
    TestProbe<ReplicaHost.Command> n5 = testKit.createTestProbe();
    Map<String, ActorRef<ReplicaHost.Command>> all = new java.util.HashMap<>(hosts.map());
    all.put("n5", n5.getRef());
    TestProbe<KvResponse> client = testKit.createTestProbe();
    GetRequest request = new GetRequest(KEY, 3, 2, false, Duration.ofSeconds(3), client.getRef());
    testKit.spawn(
        GetCoordinator.create(request, LIST, List.of("n5"), all::get, Duration.ofMillis(300), NO_METRICS));
    DvvSet a = DvvSet.empty().update(VersionVector.empty(), value("a"), "n2");

    // n1 and n4 retired their replicas after a ring change this coordinator has not seen.
    ReplicaHost.Read readN1 = hosts.n1().expectMessageClass(ReplicaHost.Read.class);
    ReplicaHost.Read readN2 = hosts.n2().expectMessageClass(ReplicaHost.Read.class);
    ReplicaHost.Read readN4 = hosts.n4().expectMessageClass(ReplicaHost.Read.class);
    assertThat(readN1.n()).isEqualTo(3);
    readN1.replyTo().tell(new ReplicaHost.NotMine("n1", 5, null));
    readN4.replyTo().tell(new ReplicaHost.NotMine("n4", 5, "n3"));
    client.expectNoMessage(Duration.ofMillis(100));

    ReplicaHost.Read readN5 = n5.expectMessageClass(ReplicaHost.Read.class);
    assertThat(readN5.hintFor()).isEqualTo("n1");
    readN2.replyTo().tell(new PartitionReplica.ReadResult("n2", KEY, a));
    readN5.replyTo().tell(new PartitionReplica.ReadResult("n5", KEY, a));

    assertThat(client.receiveMessage()).isEqualTo(new KvResponse.Found(KEY, a));
    // Nobody that said "not mine" is read-repaired into holding the partition again.
    hosts.n1().expectNoMessage(Duration.ofMillis(400));
    hosts.n4().expectNoMessage(Duration.ofMillis(10));
  }

  @Test
  void getFailsInsteadOfAnsweringNotFoundWhenTooFewNodesHoldTheKeysPartition() {
    Hosts hosts = hosts();
    TestProbe<KvResponse> client = testKit.createTestProbe();
    GetRequest request = new GetRequest(KEY, 3, 2, false, Duration.ofSeconds(3), client.getRef());
    testKit.spawn(GetCoordinator.create(request, LIST, hosts.map()::get, Duration.ofMillis(200), NO_METRICS));
    hosts.n1().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new ReplicaHost.NotMine("n1", 5, null));
    hosts.n2().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new PartitionReplica.ReadResult("n2", KEY, DvvSet.empty()));
    hosts.n4().expectMessageClass(ReplicaHost.Read.class).replyTo()
        .tell(new ReplicaHost.NotMine("n4", 5, "n3"));

    KvResponse answer = client.receiveMessage(Duration.ofSeconds(1));
    assertThat(answer).isInstanceOf(KvResponse.Unavailable.class);
    assertThat(((KvResponse.Unavailable) answer).required()).isEqualTo(2);
  }
}
