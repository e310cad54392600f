package io.dynakv.node.tombstone;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.ActorTestKit;
import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.TestNodes;
import io.dynakv.node.api.DynakvClient;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReadReply;
import io.dynakv.node.replica.ReplicaHost;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A reaper on a real single node (n = 1), its clock hours ahead so every tombstone is past grace. */
class TombstoneReaperTest {

  @TempDir Path dataDir;

  /**
   * A stand-in holds the deleted value as a hint that handoff has not looked at yet (its
   * stats poll is an hour away, so its view of pending hints is empty): the tombstone must
   * stay, or handing the hint home would bring the value back.
   */
  @Test
  void aHintWrittenAfterHandoffLastLookedKeepsTheTombstone() throws Exception {
    String extra =
        "dynakv.node.id = \"node-1\"\n"
            + "dynakv.handoff.interval = 1h\n"
            + "dynakv.tombstones.reap = off\n"
            + "dynakv.tombstones.grace = 2h\n";
    TestNodes.Started node = TestNodes.start(TestNodes.config(dataDir, extra));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      Key key = new Key("b", "k");
      int partition = new Partitioning(16).partitionOf(key);
      await(client.put("b", "k", null, "old".getBytes(StandardCharsets.UTF_8), "text/plain"));
      DvvSet old = read(node, partition, null, key);
      var context = ((KvResponse.Found) await(client.get("b", "k"))).object().context();
      assertThat(await(client.delete("b", "k", context))).isInstanceOf(KvResponse.Written.class);

      // A late replicate of the old value to this node as a stand-in for another primary.
      AskPattern.<ReplicaHost.Command, PartitionReplica.Replicated>ask(
              node.handle().replicas(),
              replyTo -> new ReplicaHost.Replicate(partition, "node-2", key, old, false, replyTo),
              Duration.ofSeconds(5),
              node.system().scheduler())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
      assertThat(read(node, partition, "node-2", key).isEmpty()).isFalse();

      ActorTestKit kit = ActorTestKit.create(node.system());
      ActorRef<TombstoneReaper.Command> reaper =
          kit.spawn(
              TombstoneReaper.create(
                  "node-1",
                  new NodeSettings.TombstoneSettings(true, Duration.ofMillis(100), Duration.ofHours(2), 1000),
                  node.handle().replicas(),
                  node.handle().handoff(),
                  node.handle().ring(),
                  node.handle().buckets(),
                  Clock.offset(Clock.systemUTC(), Duration.ofHours(3))));
      Awaitility.await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> status(node, reaper).rounds() >= 3);

      assertThat(status(node, reaper).reaped()).as("tombstones reaped while a hint of the key waits").isZero();
      assertThat(status(node, reaper).lastSkipped()).contains("holds hints of partition " + partition);
      DvvSet tombstone = read(node, partition, null, key);
      assertThat(tombstone.isEmpty()).isFalse();
      assertThat(tombstone.allDeleted()).isTrue();
    } finally {
      node.stop();
    }
  }

  private static KvResponse await(CompletionStage<KvResponse> stage) throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static DvvSet read(TestNodes.Started node, int partition, String hintFor, Key key)
      throws Exception {
    ReadReply reply =
        AskPattern.<ReplicaHost.Command, ReadReply>ask(
                node.handle().replicas(),
                replyTo -> new ReplicaHost.Read(partition, hintFor, key, 3, replyTo),
                Duration.ofSeconds(5),
                node.system().scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return ((PartitionReplica.ReadResult) reply).object();
  }

  private static TombstoneReaper.Status status(
      TestNodes.Started node, ActorRef<TombstoneReaper.Command> reaper) throws Exception {
    return AskPattern.<TombstoneReaper.Command, TombstoneReaper.Status>ask(
            reaper, TombstoneReaper.GetStatus::new, Duration.ofSeconds(5), node.system().scheduler())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }
}
