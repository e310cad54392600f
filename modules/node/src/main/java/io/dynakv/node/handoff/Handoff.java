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
import io.dynakv.core.BucketProps;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
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
 * Moves data to where it belongs, on a timer: a fallback's hints to their primary once it is
 * reachable again (hinted handoff), and the replica of a partition this node is no longer a
 * primary of — after a node joined or left — to the partition's current primaries
 * (ownership handoff). Each move is a {@link ReplicaTransfer}; at most {@code
 * max-concurrent-transfers} run at once, the next as soon as one finishes. Emptied replicas
 * are retired. A node that has left the ring shuts down once it holds nothing.
 */
public final class Handoff extends AbstractBehavior<Handoff.Command> {

  public static final String NAME = "handoff";

  public interface Command extends CborSerializable {}

  public record GetPending(ActorRef<Pending> replyTo) implements Command {}

  /** One partition's data still to move. */
  public record Transfer(int partition, String from, String to, String kind, long objects) {}

  public record Pending(List<Transfer> pending) implements CborSerializable {}

  private enum Tick implements Command {
    INSTANCE
  }

  private record Listed(ReplicaHost.HostedReplicas replicas) implements Command {}

  private record GotStats(ReplicaHost.HostedReplica replica, PartitionReplica.Stats stats)
      implements Command {}

  private record TransferFinished(ReplicaTransfer.Finished finished) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record RingUpdated(Ring ring) implements Command {}

  private record TableUpdated(BucketRegistry.Table table) implements Command {}

  private record ReplicaKey(int partition, String hintFor) {}

  public static Behavior<Command> create(
      String nodeId,
      int targetN,
      NodeSettings.HandoffSettings settings,
      ActorRef<ReplicaHost.Command> host,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<BucketRegistry.Command> buckets) {
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
                  return new Handoff(ctx, nodeId, targetN, settings, host);
                }));
  }

  private final String nodeId;
  private final int targetN;
  private final NodeSettings.HandoffSettings settings;
  private final ActorRef<ReplicaHost.Command> host;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final ActorRef<ReplicaTransfer.Finished> finishedAdapter;
  private final Map<ReplicaKey, PartitionReplica.Stats> known = new HashMap<>();
  private final Set<ReplicaKey> running = new HashSet<>();
  private Ring ring;
  private BucketRegistry.Table table;
  private boolean wasMember;
  private boolean shuttingDown;

  private Handoff(
      ActorContext<Command> context,
      String nodeId,
      int targetN,
      NodeSettings.HandoffSettings settings,
      ActorRef<ReplicaHost.Command> host) {
    super(context);
    this.nodeId = nodeId;
    this.targetN = targetN;
    this.settings = settings;
    this.host = host;
    this.cluster = new ClusterView(nodeId);
    this.resolver = ActorRefResolver.get(context.getSystem());
    this.finishedAdapter =
        context.messageAdapter(ReplicaTransfer.Finished.class, TransferFinished::new);
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetPending.class, this::onGetPending)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .onMessage(Listed.class, this::onListed)
        .onMessage(GotStats.class, this::onGotStats)
        .onMessage(TransferFinished.class, this::onTransferFinished)
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
          if (k.hintFor() != null) {
            pending.add(new Transfer(k.partition(), nodeId, k.hintFor(), "hinted", stats.objects()));
          } else if (!belongsHere(k.partition())) {
            for (String to : primaries(k.partition())) {
              pending.add(new Transfer(k.partition(), nodeId, to, "ownership", stats.objects()));
            }
          }
        });
    pending.sort(Comparator.comparingInt(Transfer::partition).thenComparing(Transfer::to));
    msg.replyTo().tell(new Pending(List.copyOf(pending)));
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
    for (ReplicaHost.HostedReplica replica : msg.replicas().replicas()) {
      present.add(new ReplicaKey(replica.partition(), replica.hintFor()));
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
    maybeShutDown();
    return this;
  }

  private Behavior<Command> onGotStats(GotStats msg) {
    ReplicaHost.HostedReplica replica = msg.replica();
    ReplicaKey key = new ReplicaKey(replica.partition(), replica.hintFor());
    known.put(key, msg.stats());
    reportHintedBytes();
    if (running.contains(key)) {
      return this;
    }
    boolean hinted = replica.hintFor() != null;
    if (!hinted && belongsHere(replica.partition())) {
      return this;
    }
    if (msg.stats().objects() == 0) {
      host.tell(new ReplicaHost.RetireReplica(replica.partition(), replica.hintFor()));
      known.remove(key);
      return this;
    }
    if (running.size() >= settings.maxConcurrentTransfers()) {
      return this;
    }
    List<String> to = hinted ? List.of(replica.hintFor()) : primaries(replica.partition());
    targets(to)
        .ifPresent(
            hosts -> {
              running.add(key);
              getContext()
                  .spawnAnonymous(ReplicaTransfer.create(replica, hosts, settings, finishedAdapter));
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

  /** The widest n in use: a partition's replicas live on that many nodes of its walk. */
  private int maxN() {
    int n = targetN;
    if (table != null) {
      n = Math.max(n, table.defaults().n());
      for (BucketProps props : table.props().values()) {
        n = Math.max(n, props.n());
      }
    }
    return n;
  }

  private List<String> primaries(int partition) {
    return ring == null ? List.of() : PreferenceList.primaries(ring, partition, maxN()).nodes();
  }

  /** Whether this node should hold the partition's data now (no ring yet: keep it). */
  private boolean belongsHere(int partition) {
    return ring == null || table == null || primaries(partition).contains(nodeId);
  }

  private Behavior<Command> onTransferFinished(TransferFinished msg) {
    ReplicaTransfer.Finished f = msg.finished();
    running.remove(new ReplicaKey(f.partition(), f.hintFor()));
    getContext()
        .getLog()
        .info(
            "handoff of partition {} ({}): {} objects moved{}",
            f.partition(),
            f.hintFor() == null ? "ownership" : "hints for " + f.hintFor(),
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
    ring = msg.ring();
    wasMember |= ring.isMember(nodeId);
    return this;
  }

  private Behavior<Command> onTableUpdated(TableUpdated msg) {
    table = msg.table();
    return this;
  }

  /** A node that left the ring exits once everything it held has gone to its new place. */
  private void maybeShutDown() {
    if (shuttingDown || ring == null || !wasMember || ring.isMember(nodeId) || !running.isEmpty()) {
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
