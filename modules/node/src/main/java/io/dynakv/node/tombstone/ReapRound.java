package io.dynakv.node.tombstone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.Key;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.TombstoneReaping;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.replica.ReplicaSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One reaping round of a {@link TombstoneReaper}: first every member confirms it holds no data
 * waiting to move (a hint could carry a value older than the tombstone); then, partition by
 * partition (those this node is first owner of), the local candidates are compared with the
 * same keys on every other node of the partition's walk up to the widest n of any bucket, and
 * those that {@link TombstoneReaping#reapable} allows (the same tombstone on all n primaries
 * of the key's bucket, and nothing else past them) are dropped everywhere — each replica drops
 * a key only if its object is still the one compared. Right before dropping, every member's
 * {@link ReplicaHost} is asked whether it holds hinted data of the partition at that moment
 * (not handoff's periodic view of it): if one does, or does not answer, the partition's
 * tombstones stay this round.
 */
final class ReapRound extends AbstractBehavior<ReapRound.Command> {

  interface Command {}

  private record PendingAnswer(String node, Handoff.Pending pending) implements Command {}

  private record LocalTombstones(int partition, PartitionReplica.Batch batch) implements Command {}

  private record PeerObjects(String node, PartitionReplica.Batch batch) implements Command {}

  private record ReapAnswered() implements Command {}

  private record HintsAnswer(String node, ReplicaHost.Hints hints) implements Command {}

  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(10);

  static Behavior<Command> create(
      String selfNode,
      Ring ring,
      BucketRegistry.Table table,
      Map<String, ActorRef<ReplicaHost.Command>> hosts,
      Map<String, ActorRef<Handoff.Command>> handoffs,
      long deletedBeforeMillis,
      int maxKeys,
      ActorRef<TombstoneReaper.Command> parent) {
    return Behaviors.setup(
        ctx ->
            new ReapRound(
                    ctx, selfNode, ring, table, hosts, handoffs, deletedBeforeMillis, maxKeys, parent)
                .start());
  }

  private final String selfNode;
  private final Ring ring;
  private final BucketRegistry.Table table;
  private final Map<String, ActorRef<ReplicaHost.Command>> hosts;
  private final Map<String, ActorRef<Handoff.Command>> handoffs;
  private final long deletedBeforeMillis;
  private final int maxKeys;
  private final ActorRef<TombstoneReaper.Command> parent;
  private final Deque<Integer> partitions = new ArrayDeque<>();
  private int awaiting;
  private String blocked;
  private int partition;
  private List<ReplicaSnapshot.Entry> candidates = List.of();
  private final Map<String, Map<Key, DvvSet>> peerObjects = new HashMap<>();
  private long reaped;
  private Map<String, List<ReplicaSnapshot.Entry>> drops = Map.of();
  private long dropping;
  private String heldBack;

  private ReapRound(
      ActorContext<Command> context,
      String selfNode,
      Ring ring,
      BucketRegistry.Table table,
      Map<String, ActorRef<ReplicaHost.Command>> hosts,
      Map<String, ActorRef<Handoff.Command>> handoffs,
      long deletedBeforeMillis,
      int maxKeys,
      ActorRef<TombstoneReaper.Command> parent) {
    super(context);
    this.selfNode = selfNode;
    this.ring = ring;
    this.table = table;
    this.hosts = Map.copyOf(hosts);
    this.handoffs = Map.copyOf(handoffs);
    this.deletedBeforeMillis = deletedBeforeMillis;
    this.maxKeys = maxKeys;
    this.parent = parent;
  }

  private Behavior<Command> start() {
    awaiting = handoffs.size();
    handoffs.forEach(
        (node, handoff) ->
            getContext()
                .ask(
                    Handoff.Pending.class,
                    handoff,
                    STEP_TIMEOUT,
                    Handoff.GetPending::new,
                    (pending, failure) -> new PendingAnswer(node, pending)));
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(PendingAnswer.class, this::onPendingAnswer)
        .onMessage(LocalTombstones.class, this::onLocalTombstones)
        .onMessage(PeerObjects.class, this::onPeerObjects)
        .onMessage(HintsAnswer.class, this::onHintsAnswer)
        .onMessage(ReapAnswered.class, msg -> --awaiting == 0 ? nextPartition() : this)
        .build();
  }

  private Behavior<Command> onPendingAnswer(PendingAnswer msg) {
    if (msg.pending() == null) {
      blocked = msg.node() + " did not say whether it holds data to hand off";
    } else if (!msg.pending().pending().isEmpty() || msg.pending().transitionEpoch() >= 0) {
      blocked = msg.node() + " holds data waiting for handoff";
    }
    if (--awaiting > 0) {
      return this;
    }
    if (blocked != null) {
      return finish(blocked);
    }
    partitions.addAll(ring.partitionsOwnedBy(selfNode));
    return nextPartition();
  }

  private Behavior<Command> nextPartition() {
    Integer next = partitions.poll();
    if (next == null) {
      return finish(heldBack);
    }
    partition = next;
    getContext()
        .ask(
            PartitionReplica.Batch.class,
            hosts.get(selfNode),
            STEP_TIMEOUT,
            replyTo -> new ReplicaHost.TombstonesOf(next, deletedBeforeMillis, maxKeys, replyTo),
            (batch, failure) -> new LocalTombstones(next, batch));
    return this;
  }

  private Behavior<Command> onLocalTombstones(LocalTombstones msg) {
    if (msg.batch() == null || msg.batch().entries().isEmpty()) {
      return nextPartition();
    }
    candidates = msg.batch().entries();
    peerObjects.clear();
    List<Key> keys = candidates.stream().map(ReplicaSnapshot.Entry::key).toList();
    List<String> peers = new ArrayList<>(replicasOf(table.widestN()));
    peers.remove(selfNode);
    if (peers.isEmpty()) {
      return reap();
    }
    awaiting = peers.size();
    for (String peer : peers) {
      getContext()
          .ask(
              PartitionReplica.Batch.class,
              hosts.get(peer),
              STEP_TIMEOUT,
              replyTo -> new ReplicaHost.ObjectsOf(partition, table.widestN(), keys, replyTo),
              (batch, failure) -> new PeerObjects(peer, batch));
    }
    return this;
  }

  private Behavior<Command> onPeerObjects(PeerObjects msg) {
    if (msg.batch() != null) {
      Map<Key, DvvSet> objects = new HashMap<>();
      msg.batch().entries().forEach(e -> objects.put(e.key(), e.object()));
      peerObjects.put(msg.node(), objects);
    }
    return --awaiting == 0 ? reap() : this;
  }

  private Behavior<Command> reap() {
    Map<String, List<ReplicaSnapshot.Entry>> drops = new HashMap<>();
    long reapable = 0;
    List<String> walk = replicasOf(table.widestN());
    for (ReplicaSnapshot.Entry candidate : candidates) {
      List<String> replicas = replicasOf(table.propsOf(candidate.key().bucket()).n());
      if (!replicas.contains(selfNode)) {
        continue;
      }
      List<DvvSet> others = new ArrayList<>();
      for (String node : replicas) {
        if (!node.equals(selfNode)) {
          Map<Key, DvvSet> objects = peerObjects.get(node);
          others.add(objects == null ? null : objects.get(candidate.key()));
        }
      }
      // Past the bucket's n (a copy from when its n was larger): nothing, or the same tombstone.
      List<String> holders = new ArrayList<>(replicas);
      List<DvvSet> beyond = new ArrayList<>();
      boolean allAnswered = true;
      for (String node : walk) {
        if (replicas.contains(node)) {
          continue;
        }
        Map<Key, DvvSet> objects = peerObjects.get(node);
        if (objects == null) {
          allAnswered = false;
          break;
        }
        DvvSet object = objects.get(candidate.key());
        beyond.add(object);
        if (candidate.object().equals(object)) {
          holders.add(node);
        }
      }
      if (allAnswered
          && TombstoneReaping.reapable(candidate.object(), others, replicas.size(), beyond)) {
        reapable++;
        for (String node : holders) {
          drops.computeIfAbsent(node, k -> new ArrayList<>()).add(candidate);
        }
      }
    }
    if (drops.isEmpty()) {
      return nextPartition();
    }
    this.drops = drops;
    this.dropping = reapable;
    return askForHints();
  }

  /** A hint of this partition anywhere, now, could carry a value a tombstone superseded. */
  private Behavior<Command> askForHints() {
    blocked = null;
    awaiting = hosts.size();
    hosts.forEach(
        (node, host) ->
            getContext()
                .ask(
                    ReplicaHost.Hints.class,
                    host,
                    STEP_TIMEOUT,
                    replyTo -> new ReplicaHost.HintsFor(partition, replyTo),
                    (hints, failure) -> new HintsAnswer(node, hints)));
    return this;
  }

  private Behavior<Command> onHintsAnswer(HintsAnswer msg) {
    if (msg.hints() == null) {
      blocked = msg.node() + " did not say whether it holds hints of partition " + partition;
    } else if (!msg.hints().hintFor().isEmpty()) {
      blocked = msg.node() + " holds hints of partition " + partition + " for " + msg.hints().hintFor();
    }
    if (--awaiting > 0) {
      return this;
    }
    if (blocked != null) {
      heldBack = blocked;
      return nextPartition();
    }
    return drop();
  }

  private Behavior<Command> drop() {
    reaped += dropping;
    awaiting = drops.size();
    drops.forEach(
        (node, entries) ->
            getContext()
                .ask(
                    PartitionReplica.Dropped.class,
                    hosts.get(node),
                    STEP_TIMEOUT,
                    replyTo -> new ReplicaHost.ReapOf(partition, List.copyOf(entries), replyTo),
                    (dropped, failure) -> new ReapAnswered()));
    return this;
  }

  private List<String> replicasOf(int n) {
    return PreferenceList.primaries(ring, partition, n).nodes();
  }

  private Behavior<Command> finish(String skipped) {
    parent.tell(new TombstoneReaper.RoundFinished(reaped, skipped));
    return Behaviors.stopped();
  }
}
