package io.dynakv.node.handoff;

import akka.actor.CoordinatedShutdown;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.ClusterEvent;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.core.ring.Transfers;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.Claimant;
import io.dynakv.node.ring.RingManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Moves data to where it belongs, on a timer:
 *
 * <ul>
 *   <li>hinted handoff: a fallback's hints to their primary once it is reachable again (or,
 *       when that primary has left the ring, to the partition's replicas);
 *   <li>ownership transfer: while the ring is in transition, each partition this node is the
 *       {@link Transfers source} of is copied to its incoming replicas (the source keeps
 *       serving); once all are copied it tells the {@link Claimant}, which settles the ring
 *       when every member has;
 *   <li>ownership handoff: after the ring settled, the replica of a partition this node no
 *       longer holds goes to the partition's replicas (only what changed since the copy is
 *       new to them) and is dropped as it goes.
 * </ul>
 *
 * Each move is a {@link ReplicaTransfer}; at most {@code max-concurrent-transfers} run at
 * once, the next as soon as one finishes. Emptied replicas are retired. A node that has left
 * the ring shuts down once it holds nothing.
 */
public final class Handoff extends AbstractBehavior<Handoff.Command> {

  public static final String NAME = "handoff";

  public interface Command extends CborSerializable {}

  public record GetPending(ActorRef<Pending> replyTo) implements Command {}

  /** One partition's data still to move; kind is hinted, transfer (copy) or ownership. */
  public record Transfer(int partition, String from, String to, String kind, long objects) {}

  /**
   * The moves still to do, the ring transition this node takes part in (epoch, partitions it
   * still has to copy; -1/0 when settled), objects sent since start and the recent rate.
   */
  public record Pending(
      List<Transfer> pending,
      long transitionEpoch,
      int transfersLeft,
      long objectsSent,
      double objectsPerSecond)
      implements CborSerializable {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Listed(ReplicaHost.HostedReplicas replicas) implements Command {}

  private record GotStats(ReplicaHost.HostedReplica replica, PartitionReplica.Stats stats)
      implements Command {}

  private record TransferOutcome(ReplicaTransfer.Outcome outcome) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record RingUpdated(Ring ring) implements Command {}

  private record TableUpdated(BucketRegistry.Table table) implements Command {}

  private record ReplicaKey(int partition, String hintFor) {}

  public static Behavior<Command> create(
      String nodeId,
      NodeSettings.HandoffSettings settings,
      ActorRef<ReplicaHost.Command> host,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<BucketRegistry.Command> buckets,
      ActorRef<Claimant.Command> claimant,
      BackgroundBudget budget) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
                  ringManager.tell(
                      new RingManager.Subscribe(ctx.messageAdapter(Ring.class, RingUpdated::new)));
                  buckets.tell(
                      new BucketRegistry.Subscribe(
                          ctx.messageAdapter(BucketRegistry.Table.class, TableUpdated::new)));
                  return new Handoff(ctx, nodeId, settings, host, claimant, budget);
                }));
  }

  private final String nodeId;
  private final NodeSettings.HandoffSettings settings;
  private final ActorRef<ReplicaHost.Command> host;
  private final ActorRef<Claimant.Command> claimant;
  private final BackgroundBudget budget;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final ActorRef<ReplicaTransfer.Outcome> outcomeAdapter;
  private final Map<ReplicaKey, PartitionReplica.Stats> known = new HashMap<>();
  private final Set<ReplicaKey> running = new HashSet<>();
  // Ring transition: partitions this node still has to copy, and those copying now.
  private long transitionEpoch = -1;
  private final Set<Integer> toCopy = new HashSet<>();
  private final Set<Integer> copying = new HashSet<>();
  private long objectsSent;
  private final RateWindow rate = new RateWindow();
  private Ring ring;
  private BucketRegistry.Table table;
  private boolean wasMember;
  private boolean shuttingDown;

  private Handoff(
      ActorContext<Command> context,
      String nodeId,
      NodeSettings.HandoffSettings settings,
      ActorRef<ReplicaHost.Command> host,
      ActorRef<Claimant.Command> claimant,
      BackgroundBudget budget) {
    super(context);
    this.nodeId = nodeId;
    this.settings = settings;
    this.host = host;
    this.claimant = claimant;
    this.budget = budget;
    this.cluster = new ClusterView(nodeId);
    this.resolver = ActorRefResolver.get(context.getSystem());
    this.outcomeAdapter =
        context.messageAdapter(ReplicaTransfer.Outcome.class, TransferOutcome::new);
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetPending.class, this::onGetPending)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Listed.class, this::onListed)
        .onMessage(GotStats.class, this::onGotStats)
        .onMessage(TransferOutcome.class, this::onTransferOutcome)
        .onMessage(ClusterChanged.class, this::onClusterChanged)
        .onMessage(RingUpdated.class, this::onRingUpdated)
        .onMessage(TableUpdated.class, this::onTableUpdated)
        .build();
  }

  private Behavior<Command> onGetPending(GetPending msg) {
    List<Transfer> pending = new ArrayList<>();
    known.forEach(
        (k, stats) -> {
          if (stats.objects() == 0) {
            return;
          }
          if (k.hintFor() != null && ring != null && ring.isMember(k.hintFor())) {
            pending.add(new Transfer(k.partition(), nodeId, k.hintFor(), "hinted", stats.objects()));
          } else if (k.hintFor() != null || !belongsHere(k.partition())) {
            for (String to : destinations(k.partition())) {
              pending.add(new Transfer(k.partition(), nodeId, to, "ownership", stats.objects()));
            }
          } else if (toCopy.contains(k.partition())) {
            for (String to : Transfers.incoming(ring, k.partition(), maxN())) {
              pending.add(new Transfer(k.partition(), nodeId, to, "transfer", stats.objects()));
            }
          }
        });
    pending.sort(Comparator.comparingInt(Transfer::partition).thenComparing(Transfer::to));
    msg.replyTo()
        .tell(
            new Pending(
                List.copyOf(pending),
                transitionEpoch,
                toCopy.size(),
                objectsSent,
                rate.perSecond(System.nanoTime())));
    return this;
  }

  private Behavior<Command> onTick() {
    host.tell(
        new ReplicaHost.ListReplicas(
            getContext().messageAdapter(ReplicaHost.HostedReplicas.class, Listed::new)));
    return this;
  }

  private Behavior<Command> onListed(Listed msg) {
    Set<ReplicaKey> present = new HashSet<>();
    boolean leaving = ring != null && !ring.isMember(nodeId);
    for (ReplicaHost.HostedReplica replica : msg.replicas().replicas()) {
      ReplicaKey key = new ReplicaKey(replica.partition(), replica.hintFor());
      present.add(key);
      if (!leaving
          && replica.hintFor() == null
          && belongsHere(replica.partition())
          && !toCopy.contains(replica.partition())) {
        // An owned replica that stays here and is not being copied has nothing to move:
        // asking its size every tick (256 asks per node every 2 s) cost idle CPU for nothing.
        known.remove(key);
        continue;
      }
      getContext()
          .ask(
              PartitionReplica.Stats.class,
              replica.replica(),
              Duration.ofSeconds(5),
              PartitionReplica.GetStats::new,
              (stats, failure) -> stats == null ? null : new GotStats(replica, stats));
    }
    known.keySet().retainAll(present);
    reportHintedBytes();
    copyForTransition(msg.replicas().replicas());
    maybeShutDown(present.isEmpty());
    return this;
  }

  /**
   * Ring in transition: copy each partition this node is the source of to its incoming
   * replicas; once none is left, tell the claimant (every tick, in case it moved).
   */
  private void copyForTransition(List<ReplicaHost.HostedReplica> hosted) {
    if (ring == null || !ring.inTransition() || table == null) {
      transitionEpoch = -1;
      toCopy.clear();
      return;
    }
    if (transitionEpoch != ring.epoch()) {
      transitionEpoch = ring.epoch();
      toCopy.clear();
      for (Transfers.Move move : Transfers.of(ring, maxN())) {
        if (move.source().equals(nodeId)) {
          toCopy.add(move.partition());
        }
      }
      getContext()
          .getLog()
          .info("ring epoch {} in transition: {} partitions to copy from here", ring.epoch(), toCopy.size());
    }
    Map<Integer, ReplicaHost.HostedReplica> owned = new HashMap<>();
    for (ReplicaHost.HostedReplica replica : hosted) {
      if (replica.hintFor() == null) {
        owned.put(replica.partition(), replica);
      }
    }
    for (Integer p : List.copyOf(toCopy)) {
      ReplicaHost.HostedReplica replica = owned.get(p);
      if (replica == null) {
        toCopy.remove(p); // nothing held here: nothing to copy
        continue;
      }
      if (copying.contains(p) || running.size() + copying.size() >= settings.maxConcurrentTransfers()) {
        continue;
      }
      targets(Transfers.incoming(ring, p, maxN()))
          .ifPresent(
              hosts -> {
                copying.add(p);
                getContext()
                    .spawnAnonymous(
                        ReplicaTransfer.create(replica, hosts, true, settings, budget, outcomeAdapter));
              });
    }
    if (toCopy.isEmpty()) {
      claimant.tell(new Claimant.TransfersDone(nodeId, ring.epoch()));
    }
  }

  private Behavior<Command> onGotStats(GotStats msg) {
    ReplicaHost.HostedReplica replica = msg.replica();
    ReplicaKey key = new ReplicaKey(replica.partition(), replica.hintFor());
    known.put(key, msg.stats());
    reportHintedBytes();
    if (running.contains(key)) {
      return this;
    }
    boolean hinted = replica.hintFor() != null && ring != null && ring.isMember(replica.hintFor());
    if (replica.hintFor() == null && belongsHere(replica.partition())) {
      return this;
    }
    if (msg.stats().objects() == 0) {
      host.tell(new ReplicaHost.RetireReplica(replica.partition(), replica.hintFor()));
      known.remove(key);
      return this;
    }
    if (running.size() + copying.size() >= settings.maxConcurrentTransfers()) {
      return this;
    }
    List<String> to = hinted ? List.of(replica.hintFor()) : destinations(replica.partition());
    targets(to)
        .ifPresent(
            hosts -> {
              running.add(key);
              getContext()
                  .spawnAnonymous(
                      ReplicaTransfer.create(replica, hosts, false, settings, budget, outcomeAdapter));
            });
    return this;
  }

  /** Every target reachable and addressable, or nothing: a move waits for all of them. */
  private Optional<Map<String, ActorRef<ReplicaHost.Command>>> targets(List<String> nodes) {
    if (nodes.isEmpty()) {
      return Optional.empty();
    }
    Map<String, ActorRef<ReplicaHost.Command>> hosts = new HashMap<>();
    for (String node : nodes) {
      if (!cluster.isReachable(node)) {
        return Optional.empty();
      }
      Optional<ActorRef<ReplicaHost.Command>> ref =
          cluster.actorOn(resolver, node, ReplicaHost.NAME);
      if (ref.isEmpty()) {
        return Optional.empty();
      }
      hosts.put(node, ref.get());
    }
    return Optional.of(hosts);
  }

  /**
   * The widest n of any bucket: a partition's replicas live on that many nodes of its walk
   * (callers only ask once the table is known).
   */
  private int maxN() {
    return table.widestN();
  }

  /**
   * Where a partition's data goes when it leaves this node: its current replicas and, in a
   * transition, its incoming ones too (their copy may already be done).
   */
  private List<String> destinations(int partition) {
    if (ring == null || table == null) {
      return List.of();
    }
    List<String> to =
        new ArrayList<>(PreferenceList.primaries(ring.current(), partition, maxN()).nodes());
    to.addAll(Transfers.incoming(ring, partition, maxN()));
    to.remove(nodeId);
    return to;
  }

  /**
   * Whether this node should hold the partition's data, now or after the ring's transition
   * (no ring or bucket table yet: keep it).
   */
  private boolean belongsHere(int partition) {
    return ring == null || table == null || Transfers.holds(ring, partition, maxN(), nodeId);
  }

  private Behavior<Command> onTransferOutcome(TransferOutcome msg) {
    if (msg.outcome() instanceof ReplicaTransfer.Sent sent) {
      objectsSent += sent.objects();
      rate.add(System.nanoTime(), sent.objects());
      return this;
    }
    ReplicaTransfer.Finished f = (ReplicaTransfer.Finished) msg.outcome();
    if (f.copy()) {
      copying.remove(f.partition());
      if (f.complete()) {
        toCopy.remove(f.partition());
      }
    } else {
      running.remove(new ReplicaKey(f.partition(), f.hintFor()));
    }
    getContext()
        .getLog()
        .info(
            "{} of partition {}: {} objects sent{}",
            f.copy() ? "transfer" : f.hintFor() == null ? "ownership handoff" : "handoff of hints for " + f.hintFor(),
            f.partition(),
            f.moved(),
            f.complete() ? ", done" : ", incomplete");
    if (f.complete()) {
      // A slot is free: look for the next replica now rather than at the next tick.
      getContext().getSelf().tell(Tick.INSTANCE);
    }
    return this;
  }

  private Behavior<Command> onClusterChanged(ClusterChanged msg) {
    cluster.apply(msg.event());
    return this;
  }

  private Behavior<Command> onRingUpdated(RingUpdated msg) {
    boolean newTransition = msg.ring().inTransition() && (ring == null || ring.epoch() != msg.ring().epoch());
    ring = msg.ring();
    wasMember |= ring.isMember(nodeId);
    if (newTransition) {
      getContext().getSelf().tell(Tick.INSTANCE); // start copying now, not at the next tick
    }
    return this;
  }

  private Behavior<Command> onTableUpdated(TableUpdated msg) {
    table = msg.table();
    return this;
  }

  /** A node that left the ring exits once everything it held has gone to its new place. */
  /**
   * A node that has left the ring stops once its host holds no replica any more (each one is
   * retired after handing off, or at once when empty). Not on sizes alone: right after a
   * restart the sizes have not been asked yet, and a departed node restarted with data (one
   * downed for good that came back) must hand it off before it stops.
   */
  private void maybeShutDown(boolean hostsNothing) {
    if (shuttingDown
        || !hostsNothing
        || ring == null
        || !wasMember
        || ring.isMember(nodeId)
        || !running.isEmpty()
        || !copying.isEmpty()) {
      return;
    }
    long held = known.values().stream().mapToLong(PartitionReplica.Stats::objects).sum();
    if (held == 0 && known.isEmpty()) {
      shuttingDown = true;
      getContext().getLog().info("{} has left the ring and handed everything off: shutting down", nodeId);
      CoordinatedShutdown.get(getContext().getSystem()).runAll(CoordinatedShutdown.clusterLeavingReason());
    }
  }

  private void reportHintedBytes() {
    long bytes = 0;
    for (Map.Entry<ReplicaKey, PartitionReplica.Stats> e : known.entrySet()) {
      if (e.getKey().hintFor() != null) {
        bytes += e.getValue().bytes();
      }
    }
    host.tell(new ReplicaHost.HintedBytes(bytes));
  }
}
