package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Terminated;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.Key;
import io.dynakv.core.Limits;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.ring.Transfers;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.ring.RingManager;
import io.dynakv.core.storage.StoreKeys;
import io.dynakv.node.storage.NodeStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hosts this node's {@link PartitionReplica}s (owned ones, and fallbacks holding hints for an
 * unreachable primary) and is their address for other nodes: coordinators anywhere in the
 * cluster send replica requests here, naming the partition and, for a fallback, the primary
 * it stands in for. It refuses to stand in beyond the configured amount of hinted data: the
 * write then simply misses this replica's ack.
 *
 * <p>What it hosts: the partitions its ring puts it among the n replicas of (now, or next in
 * a transition), the fallbacks holding hints, and any replica still running because its
 * journal has rows not yet handed off. Each request treats that differently:
 *
 * <ul>
 *   <li>a write ({@link Coordinate}, {@link Replicate}) is always accepted: the coordinator
 *       designated this node (a stand-in with a hint, an incoming replica, a coordinator on
 *       another ring); handoff moves what does not belong here;
 *   <li>a {@link Read} is answered by the fallback holding hints for the named primary, or by
 *       the partition's replica when the ring gives this node the partition; otherwise {@link
 *       NotMine} — an empty object from a replica that retired (or a leftover one being handed
 *       off) would count toward R and could make a false 404. A read never starts a replica
 *       for a partition not held;
 *   <li>anti-entropy's questions are answered by a running replica, or one the ring gives this
 *       node under the widest bucket n the asking node walks; otherwise not at all (the
 *       exchange times out rather than fill a replica that should not exist).
 * </ul>
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
      ActorRef<PartitionReplica.Coordinated> replyTo,
      ActorRef<PartitionReplica.Computed> computedTo)
      implements Command {
    public Coordinate(
        int partition,
        String hintFor,
        Key key,
        VersionVector context,
        Value value,
        boolean lastWriterWins,
        ActorRef<PartitionReplica.Coordinated> replyTo) {
      this(partition, hintFor, key, context, value, lastWriterWins, replyTo, null);
    }
  }

  public record Replicate(
      int partition,
      String hintFor,
      Key key,
      DvvSet object,
      boolean lastWriterWins,
      ActorRef<PartitionReplica.Replicated> replyTo)
      implements Command {}

  /** {@code n}: the key's bucket n, which decides whether this node is one of its replicas. */
  public record Read(int partition, String hintFor, Key key, int n, ActorRef<ReadReply> replyTo)
      implements Command {}

  /** The answer to a {@link Read} of a partition this node holds no replica of. */
  public record NotMine(String node, int partition, String hintFor) implements ReadReply {}

  public record GetStatus(ActorRef<HostStatus> replyTo) implements Command {}

  /**
   * Anti-entropy's (and reaping's) questions to the owned replica of a partition, from any
   * node. {@code n}: the widest bucket n the asking node walks, which decides whether this node
   * is one of the partition's replicas when it has no replica running (a wiped disk).
   */
  public record TreeOf(int partition, int n, ActorRef<PartitionReplica.TreeSummary> replyTo)
      implements Command {}

  public record KeyHashesOf(
      int partition, int n, List<Integer> segments, ActorRef<PartitionReplica.KeyHashes> replyTo)
      implements Command {}

  public record ObjectsOf(
      int partition, int n, List<Key> keys, ActorRef<PartitionReplica.Batch> replyTo)
      implements Command {}

  /** Tombstone reaping: the owned replica's reaping candidates (see ListTombstones). */
  public record TombstonesOf(
      int partition, long deletedBeforeMillis, int max, ActorRef<PartitionReplica.Batch> replyTo)
      implements Command {}

  /** Tombstone reaping: forget these objects of the owned replica, each only if unchanged. */
  public record ReapOf(
      int partition,
      List<ReplicaSnapshot.Entry> entries,
      ActorRef<PartitionReplica.Dropped> replyTo)
      implements Command {}

  /**
   * Tombstone reaping, right before it drops a partition's tombstones: the primaries this node
   * holds a fallback replica (hinted data) of the partition for at this moment.
   */
  public record HintsFor(int partition, ActorRef<Hints> replyTo) implements Command {}

  /** {@code hintFor} empty when this node holds no hinted data of the partition. */
  public record Hints(String node, int partition, List<String> hintFor) implements CborSerializable {}

  /** What this node holds, summed over its replicas. */
  public record HostStatus(
      String node, int ownedPartitions, int fallbackPartitions, long objects, long hintedObjects, long bytes)
      implements CborSerializable {}

  /** The replicas hosted now, owned ones and fallbacks (for handoff). */
  public record ListReplicas(ActorRef<HostedReplicas> replyTo) implements Command {}

  /** {@code hintFor} is null for a replica held as a primary. */
  public record HostedReplica(
      int partition, String hintFor, ActorRef<PartitionReplica.Command> replica) {}

  public record HostedReplicas(List<HostedReplica> replicas) {}

  /** The hinted data now held, measured by the handoff's stats poll. */
  public record HintedBytes(long bytes) implements Command {}

  /**
   * Stop a replica whose objects all went where they belong (a fallback's hints home, or a
   * partition this node no longer holds), and purge its journal rows.
   */
  public record RetireReplica(int partition, String hintFor) implements Command {}

  private record RingChanged(Ring ring) implements Command {}

  private record WrappedRetired(PartitionReplica.Retired retired) implements Command {}

  private record ReplicaKey(int partition, String hintFor) {}

  public static Behavior<Command> create(
      String nodeId,
      int partitions,
      int targetN,
      long maxHintedBytes,
      Limits limits,
      NodeStore store,
      ActorRef<RingManager.Command> ringManager,
      BackgroundBudget budget,
      Duration unsafePersistDelay) {
    return Behaviors.setup(
        ctx -> {
          ringManager.tell(
              new RingManager.Subscribe(ctx.messageAdapter(Ring.class, RingChanged::new)));
          ReplicaHost host =
              new ReplicaHost(
                  ctx,
                  nodeId,
                  partitions,
                  targetN,
                  maxHintedBytes,
                  limits,
                  store,
                  budget,
                  unsafePersistDelay);
          host.startStored(store.replicas());
          return host;
        });
  }

  private final String nodeId;
  private final int partitions;
  private final int targetN;

  private final long maxHintedBytes;
  private final Limits limits;
  private final NodeStore store;
  private final BackgroundBudget budget;
  private final Duration unsafePersistDelay;
  private final Map<ReplicaKey, ActorRef<PartitionReplica.Command>> replicas = new HashMap<>();
  private final ActorRef<PartitionReplica.Retired> retiredAdapter;
  private long hintedBytes;
  private int incarnation;
  private Ring ring;

  private ReplicaHost(
      ActorContext<Command> context,
      String nodeId,
      int partitions,
      int targetN,
      long maxHintedBytes,
      Limits limits,
      NodeStore store,
      BackgroundBudget budget,
      Duration unsafePersistDelay) {
    super(context);
    this.nodeId = nodeId;
    this.partitions = partitions;
    this.targetN = targetN;
    this.maxHintedBytes = maxHintedBytes;
    this.limits = limits;
    this.store = store;
    this.budget = budget;
    this.unsafePersistDelay = unsafePersistDelay;
    this.retiredAdapter = context.messageAdapter(PartitionReplica.Retired.class, WrappedRetired::new);
  }

  /**
   * Data survives restarts wherever it is: start every replica the store holds objects of —
   * fallbacks so their hints go home, and owned ones so handoff and anti-entropy see every
   * partition held here, not only those this node is the first owner of.
   */
  private void startStored(List<StoreKeys.Replica> stored) {
    for (StoreKeys.Replica r : stored) {
      if (r.partition() < partitions) {
        replica(r.partition(), r.hintFor());
      } else {
        getContext().getLog().warn("ignoring stored objects of partition {} (the ring has {})", r.partition(), partitions);
      }
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Coordinate.class, this::onCoordinate)
        .onMessage(Replicate.class, this::onReplicate)
        .onMessage(Read.class, this::onRead)
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessage(TreeOf.class, this::onTreeOf)
        .onMessage(KeyHashesOf.class, this::onKeyHashesOf)
        .onMessage(ObjectsOf.class, this::onObjectsOf)
        .onMessage(ReapOf.class, this::onReapOf)
        .onMessage(TombstonesOf.class, this::onTombstonesOf)
        .onMessage(ListReplicas.class, this::onListReplicas)
        .onMessage(HintsFor.class, this::onHintsFor)
        .onMessage(HintedBytes.class, this::onHintedBytes)
        .onMessage(RetireReplica.class, this::onRetireReplica)
        .onMessage(WrappedRetired.class, this::onRetired)
        .onMessage(RingChanged.class, this::onRingChanged)
        .onSignal(Terminated.class, this::onTerminated)
        .build();
  }

  private Behavior<Command> onCoordinate(Coordinate msg) {
    if (!inRange(msg.partition())) {
      return this;
    }
    if (refuseHint(msg.hintFor(), msg.value().bytes().length)) {
      return this;
    }
    replica(msg.partition(), msg.hintFor())
        .tell(
            new PartitionReplica.Coordinate(
                msg.key(), msg.context(), msg.value(), msg.lastWriterWins(), msg.replyTo(), msg.computedTo()));
    return this;
  }

  private Behavior<Command> onReplicate(Replicate msg) {
    if (!inRange(msg.partition())) {
      return this;
    }
    if (refuseHint(msg.hintFor(), msg.object().sizeBytes())) {
      return this;
    }
    replica(msg.partition(), msg.hintFor())
        .tell(
            new PartitionReplica.Replicate(
                msg.key(), msg.object(), msg.lastWriterWins(), msg.replyTo()));
    return this;
  }

  /** True (and the request is dropped, so its ack goes missing) when over the hinted limit. */
  private boolean refuseHint(String hintFor, long size) {
    if (hintFor == null || hintFor.equals(nodeId)) {
      return false;
    }
    if (hintedBytes + size > maxHintedBytes) {
      getContext().getLog().warn("refusing to stand in for {}: {} bytes of hints held", hintFor, hintedBytes);
      return true;
    }
    hintedBytes += size;
    return false;
  }

  private Behavior<Command> onRead(Read msg) {
    if (!inRange(msg.partition())) {
      return this;
    }
    ActorRef<PartitionReplica.Command> replica =
        readableReplica(msg.partition(), msg.hintFor(), msg.n() > 0 ? msg.n() : targetN);
    if (replica == null) {
      msg.replyTo().tell(new NotMine(nodeId, msg.partition(), msg.hintFor()));
    } else {
      replica.tell(new PartitionReplica.Read(msg.key(), msg.replyTo().narrow()));
    }
    return this;
  }

  /**
   * The replica that may answer a read, or null: the fallback holding hints for the named
   * primary if there is one, else the partition's own replica if the ring gives it to this
   * node (started if need be: it is hosted). A leftover replica of a partition the ring no
   * longer gives this node is being emptied by handoff, so its answer could miss what it
   * already sent away: it does not answer reads.
   */
  private ActorRef<PartitionReplica.Command> readableReplica(int partition, String hintFor, int n) {
    String hint = nodeId.equals(hintFor) ? null : hintFor;
    if (hint != null) {
      ActorRef<PartitionReplica.Command> fallback = replicas.get(new ReplicaKey(partition, hint));
      if (fallback != null) {
        return fallback;
      }
    }
    return holds(partition, n) ? replica(partition, null) : null;
  }

  /**
   * Whether the ring puts this node among the partition's n replicas, now or after the
   * transition. Before the first ring only a replica already running (from the journal) counts.
   */
  private boolean holds(int partition, int n) {
    if (ring == null) {
      return replicas.containsKey(new ReplicaKey(partition, null));
    }
    return Transfers.holds(ring, partition, n, nodeId);
  }

  /** The owned replica for anti-entropy: a running one, or one the ring gives this node. */
  private ActorRef<PartitionReplica.Command> exchangeReplica(int partition, int n) {
    if (!inRange(partition)) {
      return null;
    }
    ActorRef<PartitionReplica.Command> running = replicas.get(new ReplicaKey(partition, null));
    if (running != null) {
      return running;
    }
    if (holds(partition, Math.max(n, targetN))) {
      return replica(partition, null);
    }
    getContext().getLog().debug("not answering anti-entropy for partition {}: not held here", partition);
    return null;
  }

  private Behavior<Command> onTreeOf(TreeOf msg) {
    ActorRef<PartitionReplica.Command> replica = exchangeReplica(msg.partition(), msg.n());
    if (replica != null) {
      replica.tell(new PartitionReplica.GetTree(msg.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onKeyHashesOf(KeyHashesOf msg) {
    ActorRef<PartitionReplica.Command> replica = exchangeReplica(msg.partition(), msg.n());
    if (replica != null) {
      replica.tell(new PartitionReplica.GetKeyHashes(msg.segments(), msg.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onObjectsOf(ObjectsOf msg) {
    ActorRef<PartitionReplica.Command> replica = exchangeReplica(msg.partition(), msg.n());
    if (replica != null) {
      replica.tell(new PartitionReplica.GetObjects(msg.keys(), msg.replyTo()));
    }
    return this;
  }

  private Behavior<Command> onTombstonesOf(TombstonesOf msg) {
    ActorRef<PartitionReplica.Command> owned =
        inRange(msg.partition()) ? replicas.get(new ReplicaKey(msg.partition(), null)) : null;
    if (owned != null) {
      owned.tell(
          new PartitionReplica.ListTombstones(msg.deletedBeforeMillis(), msg.max(), msg.replyTo()));
    } else {
      msg.replyTo().tell(new PartitionReplica.Batch(List.of()));
    }
    return this;
  }

  private Behavior<Command> onReapOf(ReapOf msg) {
    ActorRef<PartitionReplica.Command> owned =
        inRange(msg.partition()) ? replicas.get(new ReplicaKey(msg.partition(), null)) : null;
    if (owned != null) {
      owned.tell(new PartitionReplica.DropIfUnchanged(msg.entries(), msg.replyTo()));
    } else if (msg.replyTo() != null) {
      msg.replyTo().tell(new PartitionReplica.Dropped(0));
    }
    return this;
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    List<ActorRef<PartitionReplica.Command>> all = new ArrayList<>(replicas.values());
    getContext()
        .spawnAnonymous(StatusQuery.create(nodeId, all, msg.replyTo(), Duration.ofSeconds(5)));
    return this;
  }

  private Behavior<Command> onListReplicas(ListReplicas msg) {
    List<HostedReplica> hosted = new ArrayList<>();
    replicas.forEach((k, ref) -> hosted.add(new HostedReplica(k.partition(), k.hintFor(), ref)));
    msg.replyTo().tell(new HostedReplicas(List.copyOf(hosted)));
    return this;
  }

  private Behavior<Command> onHintsFor(HintsFor msg) {
    List<String> hintFor = new ArrayList<>();
    replicas.keySet().forEach(
        k -> {
          if (k.partition() == msg.partition() && k.hintFor() != null) {
            hintFor.add(k.hintFor());
          }
        });
    msg.replyTo().tell(new Hints(nodeId, msg.partition(), List.copyOf(hintFor)));
    return this;
  }

  private Behavior<Command> onHintedBytes(HintedBytes msg) {
    hintedBytes = msg.bytes();
    return this;
  }

  private Behavior<Command> onRetireReplica(RetireReplica msg) {
    ActorRef<PartitionReplica.Command> ref = replicas.get(new ReplicaKey(msg.partition(), msg.hintFor()));
    if (ref != null) {
      ref.tell(new PartitionReplica.Retire(retiredAdapter));
    }
    return this;
  }

  private Behavior<Command> onRetired(WrappedRetired msg) {
    PartitionReplica.Retired retired = msg.retired();
    if (retired.retired()) {
      // The replica stops by itself. Its state record stays (a few bytes): a replica started
      // again for the same hint continues its writer and epoch.
      getContext().getLog().debug("retired {}", retired.persistenceId());
    }
    return this;
  }

  private Behavior<Command> onTerminated(Terminated terminated) {
    replicas.values().removeIf(ref -> ref.equals(terminated.getRef()));
    return this;
  }

  private Behavior<Command> onRingChanged(RingChanged msg) {
    ring = msg.ring();
    for (int p : msg.ring().partitionsOwnedBy(nodeId)) {
      replica(p, null);
    }
    return this;
  }

  private boolean inRange(int partition) {
    if (partition < 0 || partition >= partitions) {
      getContext().getLog().warn("ignoring a request for partition {} of {}", partition, partitions);
      return false;
    }
    return true;
  }

  private ActorRef<PartitionReplica.Command> replica(int partition, String hintFor) {
    String hint = nodeId.equals(hintFor) ? null : hintFor;
    return replicas.computeIfAbsent(
        new ReplicaKey(partition, hint),
        k -> {
          ActorRef<PartitionReplica.Command> ref =
              getContext()
                  .spawn(
                      PartitionReplica.create(
                          nodeId,
                          partition,
                          hint,
                          store,
                          budget,
                          limits,
                          unsafePersistDelay),
                      childName(partition, hint));
          getContext().watch(ref);
          return ref;
        });
  }

  private String childName(int partition, String hint) {
    // A retired child's name may still be reserved until its Terminated arrives.
    return (hint == null ? "p-" + partition : "f-" + partition + "-" + hint) + "-" + (incarnation++);
  }
}
