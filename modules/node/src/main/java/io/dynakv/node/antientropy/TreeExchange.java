package io.dynakv.node.antientropy;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.Key;
import io.dynakv.core.merkle.KeyDifference;
import io.dynakv.core.merkle.TicTacTree;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.replica.ReplicaSnapshot;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * One Merkle exchange between this node's replica of a partition and a peer's: roots, then
 * the differing segments' key fingerprints, then the differing keys' objects, merged and
 * sent to whichever side lacked something — through the replicas' normal merge, so an
 * exchange never loses a version. At most {@code maxKeys} keys are repaired per exchange;
 * the next round continues. Any step without an answer in time ends the exchange.
 */
final class TreeExchange extends AbstractBehavior<TreeExchange.Command> {

  interface Command {}

  private record Trees(PartitionReplica.TreeSummary summary, boolean local) implements Command {}

  private record Hashes(PartitionReplica.KeyHashes hashes, boolean local) implements Command {}

  private record Objects(PartitionReplica.Batch batch, boolean local) implements Command {}

  /** A replica did not answer a step in time. */
  private record NoAnswer(Throwable cause) implements Command {}

  private enum Timeout implements Command {
    INSTANCE
  }

  /** Told to the parent when the exchange ends. */
  record Finished(int partition, String peer, boolean completed, int keysRepaired) {}

  /** @param n the widest bucket n: how far along the walk the partition's replicas go */
  static Behavior<Command> create(
      int partition,
      int n,
      String selfNode,
      String peer,
      ActorRef<ReplicaHost.Command> localHost,
      ActorRef<ReplicaHost.Command> peerHost,
      BiPredicate<String, Key> replicaOf,
      int maxKeys,
      Duration stepTimeout,
      ActorRef<Finished> parent) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startSingleTimer(Timeout.INSTANCE, stepTimeout.multipliedBy(4));
                  return new TreeExchange(
                          ctx,
                          partition,
                          n,
                          selfNode,
                          peer,
                          localHost,
                          peerHost,
                          replicaOf,
                          maxKeys,
                          stepTimeout,
                          parent)
                      .start();
                }));
  }

  private final int partition;
  private final int n;
  private final String selfNode;
  private final String peer;
  private final ActorRef<ReplicaHost.Command> localHost;
  private final ActorRef<ReplicaHost.Command> peerHost;
  private final BiPredicate<String, Key> replicaOf;
  private final int maxKeys;
  private final Duration stepTimeout;
  private final ActorRef<Finished> parent;
  private PartitionReplica.TreeSummary localTree;
  private PartitionReplica.TreeSummary peerTree;
  private Map<Key, Long> localHashes;
  private Map<Key, Long> peerHashes;
  private List<ReplicaSnapshot.Entry> localObjects;
  private List<ReplicaSnapshot.Entry> peerObjects;

  private TreeExchange(
      ActorContext<Command> context,
      int partition,
      int n,
      String selfNode,
      String peer,
      ActorRef<ReplicaHost.Command> localHost,
      ActorRef<ReplicaHost.Command> peerHost,
      BiPredicate<String, Key> replicaOf,
      int maxKeys,
      Duration stepTimeout,
      ActorRef<Finished> parent) {
    super(context);
    this.stepTimeout = stepTimeout;
    this.partition = partition;
    this.n = n;
    this.selfNode = selfNode;
    this.peer = peer;
    this.localHost = localHost;
    this.peerHost = peerHost;
    this.replicaOf = replicaOf;
    this.maxKeys = maxKeys;
    this.parent = parent;
  }

  // Each question goes out with its own ask (one message adapter per class would not tell
  // the local answer from the peer's).
  private Behavior<Command> start() {
    for (boolean local : new boolean[] {true, false}) {
      getContext()
          .ask(
              PartitionReplica.TreeSummary.class,
              local ? localHost : peerHost,
              stepTimeout,
              replyTo -> new ReplicaHost.TreeOf(partition, n, replyTo),
              (tree, failure) -> tree != null ? new Trees(tree, local) : new NoAnswer(failure));
    }
    return this;
  }

  private void askHashes(List<Integer> segments) {
    for (boolean local : new boolean[] {true, false}) {
      getContext()
          .ask(
              PartitionReplica.KeyHashes.class,
              local ? localHost : peerHost,
              stepTimeout,
              replyTo -> new ReplicaHost.KeyHashesOf(partition, n, segments, replyTo),
              (hashes, failure) -> hashes != null ? new Hashes(hashes, local) : new NoAnswer(failure));
    }
  }

  private void askObjects(List<Key> keys) {
    for (boolean local : new boolean[] {true, false}) {
      getContext()
          .ask(
              PartitionReplica.Batch.class,
              local ? localHost : peerHost,
              stepTimeout,
              replyTo -> new ReplicaHost.ObjectsOf(partition, n, keys, replyTo),
              (batch, failure) -> batch != null ? new Objects(batch, local) : new NoAnswer(failure));
    }
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Trees.class, this::onTrees)
        .onMessage(Hashes.class, this::onHashes)
        .onMessage(Objects.class, this::onObjects)
        .onMessage(NoAnswer.class, msg -> finish(false, 0))
        .onMessageEquals(Timeout.INSTANCE, () -> finish(false, 0))
        .build();
  }

  private Behavior<Command> onTrees(Trees msg) {
    if (msg.local()) {
      localTree = msg.summary();
    } else {
      peerTree = msg.summary();
    }
    if (localTree == null || peerTree == null) {
      return this;
    }
    if (localTree.root() == peerTree.root()) {
      return finish(true, 0);
    }
    askHashes(TicTacTree.differingSegments(localTree.segments(), peerTree.segments()));
    return this;
  }

  private Behavior<Command> onHashes(Hashes msg) {
    Map<Key, Long> hashes = new HashMap<>();
    msg.hashes().hashes().forEach(h -> hashes.put(h.key(), h.hash()));
    if (msg.local()) {
      localHashes = hashes;
    } else {
      peerHashes = hashes;
    }
    if (localHashes == null || peerHashes == null) {
      return this;
    }
    List<Key> keys = new ArrayList<>(KeyDifference.between(localHashes, peerHashes));
    if (keys.isEmpty()) {
      return finish(true, 0);
    }
    if (keys.size() > maxKeys) {
      keys = keys.subList(0, maxKeys);
    }
    askObjects(List.copyOf(keys));
    return this;
  }

  private Behavior<Command> onObjects(Objects msg) {
    if (msg.local()) {
      localObjects = msg.batch().entries();
    } else {
      peerObjects = msg.batch().entries();
    }
    if (localObjects == null || peerObjects == null) {
      return this;
    }
    Map<Key, DvvSet> theirs = new HashMap<>();
    peerObjects.forEach(e -> theirs.put(e.key(), e.object()));
    int repaired = 0;
    for (ReplicaSnapshot.Entry ours : localObjects) {
      // Either side may have answered fewer keys than asked (a batch stays under the object
      // cap): only keys both answered are compared; the others come up again next time.
      DvvSet other = theirs.get(ours.key());
      if (other == null) {
        continue;
      }
      DvvSet merged = ours.object().merge(other);
      if (!ours.object().equals(merged) && replicaOf.test(selfNode, ours.key())) {
        localHost.tell(new ReplicaHost.Replicate(partition, null, ours.key(), merged, false, null));
        repaired++;
      }
      if (!other.equals(merged) && replicaOf.test(peer, ours.key())) {
        peerHost.tell(new ReplicaHost.Replicate(partition, null, ours.key(), merged, false, null));
        repaired++;
      }
    }
    return finish(true, repaired);
  }

  private Behavior<Command> finish(boolean completed, int repaired) {
    parent.tell(new Finished(partition, peer, completed, repaired));
    return Behaviors.stopped();
  }
}
