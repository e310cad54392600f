package io.dynakv.node.handoff;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.ClusterEvent;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hinted handoff for this node: on a timer, looks at the fallback replicas it hosts, and for
 * each one whose primary is reachable again starts a {@link HintedTransfer} (at most
 * {@code max-concurrent-transfers} at once, the next one as soon as one finishes). Empty fallbacks are retired. Keeps the counts that {@code GET /v1/handoff} shows, and
 * tells the host how much hinted data it holds (its stand-in limit).
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

  private record Listed(ReplicaHost.Fallbacks fallbacks) implements Command {}

  private record GotStats(ReplicaHost.Fallback fallback, PartitionReplica.Stats stats)
      implements Command {}

  private record TransferFinished(HintedTransfer.Finished finished) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record FallbackKey(int partition, String hintFor) {}

  public static Behavior<Command> create(
      String nodeId, NodeSettings.HandoffSettings settings, ActorRef<ReplicaHost.Command> host) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, settings.interval());
                  return new Handoff(ctx, nodeId, settings, host);
                }));
  }

  private final String nodeId;
  private final NodeSettings.HandoffSettings settings;
  private final ActorRef<ReplicaHost.Command> host;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final ActorRef<HintedTransfer.Finished> finishedAdapter;
  private final Map<FallbackKey, PartitionReplica.Stats> known = new HashMap<>();
  private final Set<FallbackKey> running = new HashSet<>();

  private Handoff(
      ActorContext<Command> context,
      String nodeId,
      NodeSettings.HandoffSettings settings,
      ActorRef<ReplicaHost.Command> host) {
    super(context);
    this.nodeId = nodeId;
    this.settings = settings;
    this.host = host;
    this.cluster = new ClusterView(nodeId);
    this.resolver = ActorRefResolver.get(context.getSystem());
    this.finishedAdapter = context.messageAdapter(HintedTransfer.Finished.class, TransferFinished::new);
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
        .build();
  }

  private Behavior<Command> onGetPending(GetPending msg) {
    List<Transfer> pending = new ArrayList<>();
    known.forEach(
        (k, stats) -> {
          if (stats.objects() > 0) {
            pending.add(new Transfer(k.partition(), nodeId, k.hintFor(), "hinted", stats.objects()));
          }
        });
    pending.sort(Comparator.comparingInt(Transfer::partition).thenComparing(Transfer::to));
    msg.replyTo().tell(new Pending(List.copyOf(pending)));
    return this;
  }

  private Behavior<Command> onTick() {
    host.tell(
        new ReplicaHost.ListFallbacks(getContext().messageAdapter(ReplicaHost.Fallbacks.class, Listed::new)));
    return this;
  }

  private Behavior<Command> onListed(Listed msg) {
    Set<FallbackKey> present = new HashSet<>();
    for (ReplicaHost.Fallback fallback : msg.fallbacks().fallbacks()) {
      present.add(new FallbackKey(fallback.partition(), fallback.hintFor()));
      getContext()
          .ask(
              PartitionReplica.Stats.class,
              fallback.replica(),
              Duration.ofSeconds(5),
              PartitionReplica.GetStats::new,
              (stats, failure) -> stats == null ? null : new GotStats(fallback, stats));
    }
    known.keySet().retainAll(present);
    reportHintedBytes();
    return this;
  }

  private Behavior<Command> onGotStats(GotStats msg) {
    ReplicaHost.Fallback fallback = msg.fallback();
    FallbackKey key = new FallbackKey(fallback.partition(), fallback.hintFor());
    known.put(key, msg.stats());
    reportHintedBytes();
    if (running.contains(key)) {
      return this;
    }
    if (msg.stats().objects() == 0) {
      host.tell(new ReplicaHost.RetireFallback(fallback.partition(), fallback.hintFor()));
      known.remove(key);
    } else if (running.size() < settings.maxConcurrentTransfers() && cluster.isReachable(fallback.hintFor())) {
      cluster
          .<ReplicaHost.Command>actorOn(resolver, fallback.hintFor(), ReplicaHost.NAME)
          .ifPresent(
              primaryHost -> {
                running.add(key);
                getContext()
                    .spawnAnonymous(
                        HintedTransfer.create(fallback, primaryHost, settings, finishedAdapter));
              });
    }
    return this;
  }

  private Behavior<Command> onTransferFinished(TransferFinished msg) {
    HintedTransfer.Finished f = msg.finished();
    running.remove(new FallbackKey(f.partition(), f.hintFor()));
    if (f.complete()) {
      // A slot is free: look for the next fallback now rather than at the next tick.
      getContext().getSelf().tell(Tick.INSTANCE);
    }
    getContext()
        .getLog()
        .info(
            "hinted handoff of partition {} to {}: {} objects moved{}",
            f.partition(),
            f.hintFor(),
            f.moved(),
            f.complete() ? ", done" : ", incomplete");
    return this;
  }

  private Behavior<Command> onClusterChanged(ClusterChanged msg) {
    cluster.apply(msg.event());
    return this;
  }

  private void reportHintedBytes() {
    long bytes = known.values().stream().mapToLong(PartitionReplica.Stats::bytes).sum();
    host.tell(new ReplicaHost.HintedBytes(bytes));
  }
}
