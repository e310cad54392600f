package io.dynakv.node;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.typed.Cluster;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.api.DynakvClient;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReadReply;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.RingManager;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes, each its own ActorSystem on its own port, in one JVM: the ring converges,
 * a put reaches every replica, and a read repairs a replica that missed a write.
 */
class InProcessClusterTest {

  @TempDir Path root;
  private final List<TestNodes.Started> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    nodes.forEach(TestNodes.Started::stop);
  }

  private TestNodes.Started start(int i, String seed) throws Exception {
    String extra =
        "dynakv.node.id = \"node-" + i + "\"\n"
            + "dynakv.anti-entropy.interval = 500ms\n"
            + "dynakv.defaults { n = 3, r = 2, w = 2 }\n"
            + TestNodes.admitted("node-1", "node-2", "node-3")
            + (seed == null ? "" : "akka.cluster.seed-nodes = [\"" + seed + "\"]\n");
    TestNodes.Started node = TestNodes.start(TestNodes.config(root.resolve("node-" + i), extra), seed == null);
    nodes.add(node);
    return node;
  }

  private static Ring ring(TestNodes.Started node) throws Exception {
    return AskPattern.<RingManager.Command, Ring>ask(
            node.handle().ring(), RingManager.GetRing::new, Duration.ofSeconds(5), node.system().scheduler())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static DvvSet read(TestNodes.Started node, int partition, Key key) throws Exception {
    ReadReply reply =
        AskPattern.<ReplicaHost.Command, ReadReply>ask(
                node.handle().replicas(),
                replyTo -> new ReplicaHost.Read(partition, null, key, 3, replyTo),
                Duration.ofSeconds(5),
                node.system().scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    return ((PartitionReplica.ReadResult) reply).object();
  }

  private static Value value(String s) {
    return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 1L);
  }

  @Test
  void ringConvergesWritesReachEveryReplicaAndReadsRepair() throws Exception {
    TestNodes.Started n1 = start(1, null);
    String seed = Cluster.get(n1.system()).selfMember().address().toString();
    TestNodes.Started n2 = start(2, seed);
    TestNodes.Started n3 = start(3, seed);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(
            () -> {
              Ring r1 = ring(n1);
              return r1.members().size() == 3 && r1.equals(ring(n2)) && r1.equals(ring(n3));
            });

    // A put through node 1 with w=3 is on every replica once acknowledged.
    DynakvClient client = new DynakvClient(n1.handle().kv(), n1.system(), Duration.ofSeconds(10));
    assertThat(client.put("b", "k", null, "v".getBytes(StandardCharsets.UTF_8), "text/plain")
            .toCompletableFuture().get(10, TimeUnit.SECONDS))
        .isInstanceOf(KvResponse.Written.class);
    Key key = new Key("b", "k");
    int partition = new Partitioning(16).partitionOf(key);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> !read(n1, partition, key).isEmpty() && !read(n2, partition, key).isEmpty()
            && !read(n3, partition, key).isEmpty());

    // Node 3's replica misses a write that nodes 1 and 2 have; a read at r=3 repairs it.
    Key missed = new Key("b", "missed");
    int p = new Partitioning(16).partitionOf(missed);
    DvvSet object = DvvSet.empty().update(VersionVector.empty(), value("only-on-1-and-2"), "node-1.test");
    for (TestNodes.Started n : List.of(n1, n2)) {
      AskPattern.<ReplicaHost.Command, PartitionReplica.Replicated>ask(
              n.handle().replicas(),
              replyTo -> new ReplicaHost.Replicate(p, null, missed, object, false, replyTo),
              Duration.ofSeconds(5),
              n.system().scheduler())
          .toCompletableFuture()
          .get(10, TimeUnit.SECONDS);
    }
    assertThat(read(n3, p, missed).isEmpty()).isTrue();
    KvResponse got =
        AskPattern.<io.dynakv.node.api.KvService.Command, KvResponse>ask(
                n1.handle().kv(),
                replyTo -> new io.dynakv.node.api.KvService.Get("b", "missed", 3, null, replyTo),
                Duration.ofSeconds(10),
                n1.system().scheduler())
            .toCompletableFuture()
            .get(10, TimeUnit.SECONDS);
    assertThat(got).isInstanceOf(KvResponse.Found.class);
    Awaitility.await()
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> read(n3, p, missed).equals(object));
  }

  @Test
  void antiEntropyBringsAReplicaThatMissedAWriteUpToDateWithoutAnyRead() throws Exception {
    TestNodes.Started n1 = start(1, null);
    String seed = Cluster.get(n1.system()).selfMember().address().toString();
    TestNodes.Started n2 = start(2, seed);
    TestNodes.Started n3 = start(3, seed);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> ring(n1).members().size() == 3 && ring(n1).equals(ring(n3)));

    Key missed = new Key("b", "ae");
    int p = new Partitioning(16).partitionOf(missed);
    DvvSet object = DvvSet.empty().update(VersionVector.empty(), value("only-on-1"), "node-1.test");
    AskPattern.<ReplicaHost.Command, PartitionReplica.Replicated>ask(
            n1.handle().replicas(),
            replyTo -> new ReplicaHost.Replicate(p, null, missed, object, false, replyTo),
            Duration.ofSeconds(5),
            n1.system().scheduler())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);

    Awaitility.await()
        .atMost(Duration.ofSeconds(20))
        .ignoreExceptions()
        .until(() -> read(n2, p, missed).equals(object) && read(n3, p, missed).equals(object));
    long exchanges = 0;
    long repaired = 0;
    for (TestNodes.Started n : List.of(n1, n2, n3)) {
      io.dynakv.node.antientropy.AntiEntropy.Status status =
          AskPattern.<io.dynakv.node.antientropy.AntiEntropy.Command, io.dynakv.node.antientropy.AntiEntropy.Status>ask(
                  n.handle().antiEntropy(),
                  io.dynakv.node.antientropy.AntiEntropy.GetStatus::new,
                  Duration.ofSeconds(5),
                  n.system().scheduler())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      exchanges += status.exchanges();
      repaired += status.keysRepaired();
    }
    // Only the partition's owner runs its exchanges; across the cluster both counts moved.
    assertThat(exchanges).isPositive();
    assertThat(repaired).isPositive();
  }
}
