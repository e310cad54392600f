package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.ring.RingManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts this node's {@link PartitionReplica}s (owned ones, and fallbacks holding hints for an
 * unreachable primary) and is their address for other nodes: coordinators anywhere in the
 * cluster send replica requests here, naming the partition and, for a fallback, the primary
 * it stands in for.
 */
public final class ReplicaHost extends AbstractBehavior<ReplicaHost.Command> {

  public static final String NAME = "replicas";

  public interface Command extends CborSerializable {}

  public record Coordinate(
      int partition,
      String hintFor,
      Key key,
      VersionVector context,
      Value value,
      boolean lastWriterWins,
      ActorRef<PartitionReplica.Stored> replyTo)
      implements Command {}

  public record Replicate(
      int partition,
      String hintFor,
      Key key,
      DvvSet object,
      boolean lastWriterWins,
      ActorRef<PartitionReplica.Replicated> replyTo)
      implements Command {}

  public record Read(
      int partition, String hintFor, Key key, ActorRef<PartitionReplica.ReadResult> replyTo)
      implements Command {}

  public record GetStatus(ActorRef<HostStatus> replyTo) implements Command {}

  /** What this node holds, summed over its replicas. */
  public record HostStatus(
      String node, int ownedPartitions, int fallbackPartitions, long objects, long hintedObjects, long bytes)
      implements CborSerializable {}

  /** The ring changed: start the replicas of the partitions this node now owns. */
  private record RingChanged(Ring ring) implements Command {}

  private record ReplicaKey(int partition, String hintFor) {}

  public static Behavior<Command> create(
      String nodeId,
      int partitions,
      int snapshotMinEvents,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<PartitionReplica.SnapshotTaken> compactor) {
    return Behaviors.setup(
        ctx -> {
          ringManager.tell(
              new RingManager.Subscribe(ctx.messageAdapter(Ring.class, RingChanged::new)));
          return new ReplicaHost(ctx, nodeId, partitions, snapshotMinEvents, compactor);
        });
  }

  private final String nodeId;
  private final int partitions;
  private final int snapshotMinEvents;
  private final ActorRef<PartitionReplica.SnapshotTaken> compactor;
  private final Map<ReplicaKey, ActorRef<PartitionReplica.Command>> replicas = new HashMap<>();
  private Ring ring;

  private ReplicaHost(
      ActorContext<Command> context,
      String nodeId,
      int partitions,
      int snapshotMinEvents,
      ActorRef<PartitionReplica.SnapshotTaken> compactor) {
    super(context);
    this.nodeId = nodeId;
    this.partitions = partitions;
    this.snapshotMinEvents = snapshotMinEvents;
    this.compactor = compactor;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Coordinate.class, this::onCoordinate)
        .onMessage(Replicate.class, this::onReplicate)
        .onMessage(Read.class, this::onRead)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(RingChanged.class, this::onRingChanged)
        .build();
  }

  private Behavior<Command> onCoordinate(Coordinate msg) {
    replica(msg.partition(), msg.hintFor())
        .tell(
            new PartitionReplica.Coordinate(
                msg.key(), msg.context(), msg.value(), msg.lastWriterWins(), msg.replyTo()));
    return this;
  }

  private Behavior<Command> onReplicate(Replicate msg) {
    replica(msg.partition(), msg.hintFor())
        .tell(
            new PartitionReplica.Replicate(
                msg.key(), msg.object(), msg.lastWriterWins(), msg.replyTo()));
    return this;
  }

  private Behavior<Command> onRead(Read msg) {
    replica(msg.partition(), msg.hintFor())
        .tell(new PartitionReplica.Read(msg.key(), msg.replyTo()));
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    List<ActorRef<PartitionReplica.Command>> all = new ArrayList<>(replicas.values());
    getContext()
        .spawnAnonymous(StatusQuery.create(nodeId, all, msg.replyTo(), Duration.ofSeconds(5)));
    return this;
  }

  private Behavior<Command> onRingChanged(RingChanged msg) {
    ring = msg.ring();
    for (int p : ring.partitionsOwnedBy(nodeId)) {
      replica(p, null);
    }
    return this;
  }

  private ActorRef<PartitionReplica.Command> replica(int partition, String hintFor) {
    if (partition < 0 || partition >= partitions) {
      throw new IllegalArgumentException("no partition " + partition);
    }
    String hint = nodeId.equals(hintFor) ? null : hintFor;
    return replicas.computeIfAbsent(
        new ReplicaKey(partition, hint),
        k ->
            getContext()
                .spawn(
                    PartitionReplica.create(nodeId, partition, hint, snapshotMinEvents, compactor),
                    hint == null ? "p-" + partition : "f-" + partition + "-" + hint));
  }
}
