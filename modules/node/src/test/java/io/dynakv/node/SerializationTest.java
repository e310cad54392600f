package io.dynakv.node;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.testkit.typed.javadsl.SerializationTestKit;
import akka.actor.typed.ActorRef;
import akka.serialization.SerializationExtension;
import akka.serialization.Serializer;
import com.typesafe.config.ConfigFactory;
import io.dynakv.core.BucketProps;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Claim;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.ring.Target;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.api.KvService;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.coordinator.GetRequest;
import io.dynakv.node.coordinator.PutRequest;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.replica.ReplicaSnapshot;
import io.dynakv.node.ring.Claimant;
import io.dynakv.node.ring.RingManager;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.routing.RequestRouter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Every message that may cross the wire or reach the journal goes through Jackson CBOR (our
 * marker interface) and comes back equal. Java serialization is off, so a type that slipped
 * the binding would fail here rather than in production.
 */
class SerializationTest {

  static final ActorTestKit testKit =
      ActorTestKit.create(
          NodeConfig.load(
              ConfigFactory.parseString(
                  "akka.remote.artery.canonical.port = 0\n"
                      + "akka.remote.artery.canonical.hostname = 127.0.0.1\n")));
  static final SerializationTestKit serialization = new SerializationTestKit(testKit.system());

  @AfterAll
  static void cleanup() {
    testKit.shutdownTestKit();
  }

  private static final Key KEY = new Key("bucket", "käy");
  private static final Value VALUE =
      Value.of("hello".getBytes(StandardCharsets.UTF_8), "text/plain; charset=utf-8", 1234L);
  private static final DvvSet OBJECT =
      DvvSet.empty()
          .update(VersionVector.empty(), VALUE, "node-1")
          .update(VersionVector.empty(), Value.tombstone(99L), "node-2");

  private static <T> ActorRef<T> ref() {
    return testKit.<T>createTestProbe().getRef();
  }

  @Test
  void everyMessageAndEventRoundTripsThroughJacksonCbor() {
    Ring ring = Claim.claim(null, List.of("node-1", "node-2", "node-3"), 16, 3);
    Ring moving = ring.towards(Claim.claim(ring, List.of("node-1", "node-2", "node-3", "node-4"), 16, 3));
    Duration timeout = Duration.ofMillis(1500);
    List<Object> messages =
        List.of(
            new PartitionReplica.Coordinate(KEY, OBJECT.context(), VALUE, false, ref()),
            new PartitionReplica.Stored("node-1", KEY, OBJECT),
            new PartitionReplica.Computed("node-1", KEY, OBJECT),
            new PartitionReplica.Replicate(KEY, OBJECT, true, ref()),
            new PartitionReplica.Replicate(KEY, OBJECT, false, null),
            new PartitionReplica.Replicated("node-2", KEY),
            new PartitionReplica.Read(KEY, ref()),
            new PartitionReplica.ReadResult("node-3", KEY, OBJECT),
            new PartitionReplica.GetStats(ref()),
            new PartitionReplica.Stats(3, "node-9", 10, 1000L),
            new ReplicaHost.Coordinate(3, null, KEY, OBJECT.context(), VALUE, false, ref()),
            new ReplicaHost.Replicate(3, "node-3", KEY, OBJECT, false, ref()),
            new ReplicaHost.Read(3, null, KEY, 3, ref()),
            new ReplicaHost.Read(3, "node-4", KEY, 5, ref()),
            new ReplicaHost.NotMine("node-2", 3, null),
            new ReplicaHost.NotMine("node-2", 3, "node-4"),
            new ReplicaHost.GetStatus(ref()),
            new ReplicaHost.HintsFor(3, ref()),
            new ReplicaHost.Hints("node-1", 3, java.util.List.of("node-2")),
            new ReplicaHost.HostStatus("node-1", 5, 1, 100, 10, 12345),
            new RingManager.GetRing(ref()),
            new RingManager.Subscribe(ref()),
            new RingManager.Publish(ring),
            new RequestRouter.RouteGet(new GetRequest(KEY, 3, 2, false, timeout, ref())),
            new RequestRouter.RoutePut(
                new PutRequest(KEY, OBJECT.context(), VALUE, 3, 2, true, timeout, ref()), 1, "f-1/1", ref()),
            new RequestRouter.Accepted("f-1/1", "node-2"),
            new RequestRouter.Go("f-1/1"),
            new RequestRouter.GetPreferenceList(3, 3, ref()),
            new BucketRegistry.GetProps("b", ref()),
            new BucketRegistry.SetProps("b", new BucketProps(3, 1, 1, false), ref()),
            new BucketRegistry.Subscribe(ref()),
            new BucketRegistry.Table(Map.of("b", BucketProps.defaults()), BucketProps.defaults()),
            new BucketRegistry.PropsSet(
                "b", new BucketRegistry.VersionedProps(BucketProps.defaults(), 5L, "node-1")),
            new BucketRegistry.State(
                Map.of("b", new BucketRegistry.VersionedProps(new BucketProps(1, 1, 1, true), 5L, "node-1"))),
            new BucketRegistry.Gossip(
                Map.of("b", new BucketRegistry.VersionedProps(new BucketProps(1, 1, 1, true), 5L, "node-1"))),
            new KvService.Get("b", "k", 2, timeout, ref()),
            new KvService.Delete("b", "k", OBJECT.context(), null, null, ref()),
            new KvResponse.Found(KEY, OBJECT),
            new KvResponse.NotFound(KEY, OBJECT.context()),
            new KvResponse.Written(KEY, VersionVector.empty()),
            new KvResponse.WrittenWithSiblings(KEY, OBJECT),
            new KvResponse.Rejected("r", "r=9 exceeds n=3", false),
            new KvResponse.Unavailable("quorum not met", 1, 2, "detail"),
            new PartitionReplica.TakeBatch(100, ref()),
            new PartitionReplica.TakeBatch(100, KEY, ref()),
            new PartitionReplica.Batch(List.of(new ReplicaSnapshot.Entry(KEY, OBJECT))),
            new PartitionReplica.DropIfUnchanged(List.of(new ReplicaSnapshot.Entry(KEY, OBJECT)), ref()),
            new PartitionReplica.Dropped(3),
            new PartitionReplica.Retire(ref()),
            new PartitionReplica.Retired(true, "fallback|3|node-2", 17),
            new PartitionReplica.GetTree(ref()),
            new PartitionReplica.GetKeyHashes(List.of(1, 5), ref()),
            new PartitionReplica.KeyHashes(List.of(new PartitionReplica.KeyHash(KEY, 42L))),
            new PartitionReplica.GetObjects(List.of(KEY), ref()),
            new ReplicaHost.TreeOf(3, 5, ref()),
            new ReplicaHost.KeyHashesOf(3, 5, List.of(1, 2), ref()),
            new ReplicaHost.ObjectsOf(3, 5, List.of(KEY), ref()),
            new io.dynakv.node.antientropy.AntiEntropy.GetStatus(ref()),
            new io.dynakv.node.antientropy.AntiEntropy.RunNow(ref()),
            new io.dynakv.node.antientropy.AntiEntropy.Started(true, "started"),
            new io.dynakv.node.antientropy.AntiEntropy.Status(3, 4, Map.of(1, 99L)),
            new ReplicaHost.HintedBytes(1024),
            new ReplicaHost.RetireReplica(3, "node-2"),
            new RingManager.RingAdopted(ring),
            new RingManager.State(ring, true),
            new RingManager.RingAdopted(moving),
            new RingManager.Rejoined("node-2"),
            new RingManager.Rejoin(ref()),
            new Claimant.Report("node-2", ring, false, ref()),
            new Claimant.Report("node-2", null, true, ref()),
            new Claimant.Report("node-2", moving, false, ref()),
            new Claimant.Leave("node-2", ref()),
            new Claimant.Admit("node-4", ref()),
            new Claimant.Rejoin("node-2", true, ref()),
            new Claimant.TransfersDone("node-4", 7L),
            new Claimant.Answer(true, "node-2 is leaving"),
            new ReplicaHost.ReapOf(3, List.of(new ReplicaSnapshot.Entry(KEY, DvvSet.empty())), ref()),
            new ReplicaHost.TombstonesOf(3, 99L, 10, ref()),
            new io.dynakv.node.tombstone.TombstoneReaper.GetStatus(ref()),
            new io.dynakv.node.tombstone.TombstoneReaper.Status(3, 4, null),
            new PartitionReplica.ListTombstones(99L, 10, ref()),
            new Handoff.GetPending(ref()),
            new Handoff.Pending(
                List.of(new Handoff.Transfer(3, "node-1", "node-2", "hinted", 10)), 7L, 2, 100L, 12.5));
    for (Object message : messages) {
      String expected = HOT.contains(message.getClass()) ? "dynakv-replica" : "jackson-cbor";
      assertThat(serializerOf(message)).as(message.getClass().getName()).isEqualTo(expected);
      serialization.verifySerialization(message, true);
    }
    // Core types used as payloads survive too.
    serialization.verifySerialization(new RingManager.Publish(ring), true);
    assertThat(new PreferenceList(1, List.of(new Target("a", false, "b")))).isNotNull();
  }

  @Test
  void aTreeSummaryRoundTrips() {
    PartitionReplica.TreeSummary tree = new PartitionReplica.TreeSummary(3, 77L, new long[] {1, 2, 3});
    PartitionReplica.TreeSummary back =
        (PartitionReplica.TreeSummary) serialization.verifySerialization(tree, false);
    assertThat(back.segments()).containsExactly(1, 2, 3);
    assertThat(back.root()).isEqualTo(77L);
  }

  @Test
  void aPutWithItsValueBytesRoundTrips() {
    KvService.Put put =
        new KvService.Put("b", "k", OBJECT.context(), new byte[] {1, 2, 3}, "x/y", 1, null, ref());
    KvService.Put back = (KvService.Put) serialization.verifySerialization(put, false);
    assertThat(back.value()).containsExactly(1, 2, 3);
    assertThat(back.context()).isEqualTo(put.context());
  }

  /** The messages of every read and write, which have a hand-written serializer. */
  private static final java.util.Set<Class<?>> HOT =
      java.util.Set.of(
          ReplicaHost.Read.class,
          ReplicaHost.Replicate.class,
          PartitionReplica.ReadResult.class,
          PartitionReplica.Replicated.class);

  @Test
  void theReplicaMessagesRoundTripWithEdgeCases() {
    DvvSet big =
        DvvSet.empty()
            .update(VersionVector.empty(), Value.of(new byte[1 << 20], null, Long.MIN_VALUE), "nöde-1")
            .update(VersionVector.empty(), Value.tombstone(Long.MAX_VALUE), "node-2");
    Key unicode = new Key("b", "ключ/\u00e9\uD83D\uDE00 key with spaces");
    List<Object> messages =
        List.of(
            new ReplicaHost.Read(0, null, unicode, 1, ref()),
            new ReplicaHost.Read(Integer.MAX_VALUE, "node-ü", KEY, 7, ref()),
            new PartitionReplica.ReadResult("node-3", unicode, DvvSet.empty()),
            new PartitionReplica.ReadResult("node-3", KEY, big),
            new ReplicaHost.Replicate(255, null, unicode, big, true, ref()),
            new ReplicaHost.Replicate(1, "node-4", KEY, DvvSet.empty(), false, ref()),
            new ReplicaHost.Replicate(1, null, KEY, OBJECT, false, null),
            new PartitionReplica.Replicated("node-2", unicode));
    for (Object message : messages) {
      serialization.verifySerialization(message, true);
    }
  }

  @Test
  void aDamagedReplicaMessageIsRefusedNotMisread() throws Exception {
    akka.serialization.Serialization ser = SerializationExtension.get(testKit.system());
    Object message = new ReplicaHost.Replicate(3, "node-3", KEY, OBJECT, false, ref());
    Serializer serializer = ser.findSerializerFor(message);
    String manifest = akka.serialization.Serializers.manifestFor(serializer, message);
    byte[] bytes = serializer.toBinary(message);
    for (int length = 0; length < bytes.length; length++) {
      byte[] cut = java.util.Arrays.copyOf(bytes, length);
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> ser.deserialize(cut, serializer.identifier(), manifest).get())
          .isInstanceOf(java.io.NotSerializableException.class);
    }
    byte[] longer = java.util.Arrays.copyOf(bytes, bytes.length + 1);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ser.deserialize(longer, serializer.identifier(), manifest).get())
        .isInstanceOf(java.io.NotSerializableException.class);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> ser.deserialize(bytes, serializer.identifier(), "nonsense").get())
        .isInstanceOf(java.io.NotSerializableException.class);
  }

  private static String serializerOf(Object message) {
    Serializer serializer =
        SerializationExtension.get(testKit.system()).findSerializerFor(message);
    if (serializer instanceof io.dynakv.node.replica.ReplicaMessageSerializer) {
      return "dynakv-replica";
    }
    return serializer instanceof akka.serialization.jackson.JacksonCborSerializer
        ? "jackson-cbor"
        : serializer.getClass().getName();
  }
}
