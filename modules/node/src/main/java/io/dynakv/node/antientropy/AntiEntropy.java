package io.dynakv.node.antientropy;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ClusterEvent;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.RingManager;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Background anti-entropy for this node: in rounds, for every partition it owns and every
 * other reachable primary of that partition under the widest n any bucket uses ({@link
 * BucketRegistry.Table#widestN}), a {@link TreeExchange} compares the two replicas' Merkle
 * trees and syncs the keys that differ, both ways. At most {@code
 * concurrency} exchanges run at once; a round starts {@code interval} after the previous one
 * ended. A key is only pushed to a node that is one of its replicas under its bucket's n.
 *
 * <p>Admission control: with a background share s below 1 (foreground latency is high, see
 * {@link BackgroundBudget}) at most {@code concurrency * s} exchanges run (at least one), and
 * after each one the next waits so that exchanges take about a fraction s of the time.
 */
public final class AntiEntropy extends AbstractBehavior<AntiEntropy.Command> {

  public static final String NAME = "anti-entropy";

  public interface Command extends CborSerializable {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /**
   * Start a round now rather than after the interval (an operator's repair, e.g. after
   * restoring a node); answers whether one started or a round was already running.
   */
  public record RunNow(Integer partition, ActorRef<Started> replyTo) implements Command {

    /** A whole round: every partition this node owns, with each of its other primaries. */
    public RunNow(ActorRef<Started> replyTo) {
      this(null, replyTo);
    }
  }

  public record Started(boolean started, String detail) implements CborSerializable {}

  /** Totals since start, and per partition the epoch millis of its last completed exchange. */
  public record Status(long exchanges, long keysRepaired, Map<Integer, Long> lastExchange)
      implements CborSerializable {}

  private enum Round implements Command {
    INSTANCE
  }

  private enum Resume implements Command {
    INSTANCE
  }

  private record RingUpdated(Ring ring) implements Command {}

  private record TableUpdated(BucketRegistry.Table table) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private record ExchangeFinished(TreeExchange.Finished finished) implements Command {}

  private record Pair(int partition, String peer) {}

  public static Behavior<Command> create(
      String selfNode,
      NodeSettings.AntiEntropySettings settings,
      ActorRef<ReplicaHost.Command> localHost,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<BucketRegistry.Command> buckets,
      BackgroundBudget budget,
      Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  ringManager.tell(
                      new RingManager.Subscribe(ctx.messageAdapter(Ring.class, RingUpdated::new)));
                  buckets.tell(
                      new BucketRegistry.Subscribe(
                          ctx.messageAdapter(BucketRegistry.Table.class, TableUpdated::new)));
                  if (settings.enabled()) {
                    timers.startSingleTimer(Round.INSTANCE, settings.interval());
                  }
                  return new AntiEntropy(
                      ctx, timers, selfNode, settings, localHost, budget, clock);
                }));
  }

  private final TimerScheduler<Command> timers;
  private final String selfNode;
  private final NodeSettings.AntiEntropySettings settings;
  private final ActorRef<ReplicaHost.Command> localHost;
  private final BackgroundBudget budget;
  private final Clock clock;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final ActorRef<TreeExchange.Finished> finishedAdapter;
  private final Deque<Pair> queue = new ArrayDeque<>();
  private final Map<Integer, Long> lastExchange = new HashMap<>();
  private Ring ring;
  private BucketRegistry.Table table;
  private final Map<Pair, Long> startedNanos = new HashMap<>();
  private int running;
  private boolean paused;
  private long exchanges;
  private long keysRepaired;

  private AntiEntropy(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String selfNode,
      NodeSettings.AntiEntropySettings settings,
      ActorRef<ReplicaHost.Command> localHost,
      BackgroundBudget budget,
      Clock clock) {
    super(context);
    this.timers = timers;
    this.selfNode = selfNode;
    this.settings = settings;
    this.localHost = localHost;
    this.budget = budget;
    this.clock = clock;
    this.cluster = new ClusterView(selfNode);
    this.resolver = ActorRefResolver.get(context.getSystem());
    this.finishedAdapter = context.messageAdapter(TreeExchange.Finished.class, ExchangeFinished::new);
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetStatus.class, this::onGetStatus)
        .onMessageEquals(Round.INSTANCE, this::onRound)
        .onMessage(RunNow.class, this::onRunNow)
        .onMessageEquals(Resume.INSTANCE, () -> {
          paused = false;
          return startExchanges();
        })
        .onMessage(RingUpdated.class, msg -> {
          ring = msg.ring();
          return this;
        })
        .onMessage(TableUpdated.class, msg -> {
          table = msg.table();
          return this;
        })
        .onMessage(ClusterChanged.class, msg -> {
          cluster.apply(msg.event());
          return this;
        })
        .onMessage(ExchangeFinished.class, this::onExchangeFinished)
        .build();
  }

  private Behavior<Command> onGetStatus(GetStatus msg) {
    msg.replyTo().tell(new Status(exchanges, keysRepaired, new TreeMap<>(lastExchange)));
    return this;
  }

  private Behavior<Command> onRunNow(RunNow msg) {
    if (running > 0 || !queue.isEmpty() || paused) {
      msg.replyTo().tell(new Started(false, "a round is running: " + (running + queue.size()) + " exchanges left"));
      return this;
    }
    if (ring == null || table == null) {
      msg.replyTo().tell(new Started(false, "no ring yet"));
      return this;
    }
    if (msg.partition() != null) {
      return repairPartition(msg.partition(), msg.replyTo());
    }
    timers.cancel(Round.INSTANCE);
    msg.replyTo().tell(new Started(true, "anti-entropy round started"));
    return onRound();
  }

  /** Exchanges of one partition between this node and each of its other primaries. */
  private Behavior<Command> repairPartition(int partition, ActorRef<Started> replyTo) {
    List<String> primaries = PreferenceList.primaries(ring, partition, table.widestN()).nodes();
    if (!primaries.contains(selfNode)) {
      replyTo.tell(
          new Started(
              false, selfNode + " is no primary of partition " + partition + ": ask one of " + primaries));
      return this;
    }
    for (String peer : primaries) {
      if (!peer.equals(selfNode)) {
        queue.add(new Pair(partition, peer));
      }
    }
    timers.cancel(Round.INSTANCE);
    replyTo.tell(new Started(true, "anti-entropy of partition " + partition + " with " + (primaries.size() - 1) + " replicas started"));
    return startExchanges();
  }

  private Behavior<Command> onRound() {
    if (ring == null || table == null) {
      timers.startSingleTimer(Round.INSTANCE, settings.interval());
      return this;
    }
    for (int p : ring.partitionsOwnedBy(selfNode)) {
      for (String peer : PreferenceList.primaries(ring, p, table.widestN()).nodes()) {
        if (!peer.equals(selfNode)) {
          queue.add(new Pair(p, peer));
        }
      }
    }
    return startExchanges();
  }

  private Behavior<Command> startExchanges() {
    int limit = Math.max(1, (int) Math.floor(settings.concurrency() * budget.share()));
    while (!paused && running < limit && !queue.isEmpty()) {
      Pair next = queue.poll();
      if (!cluster.isReachable(next.peer())) {
        continue;
      }
      ActorRef<ReplicaHost.Command> peerHost =
          cluster.<ReplicaHost.Command>actorOn(resolver, next.peer(), ReplicaHost.NAME).orElse(null);
      if (peerHost == null) {
        continue;
      }
      running++;
      startedNanos.put(next, System.nanoTime());
      getContext()
          .spawnAnonymous(
              TreeExchange.create(
                  next.partition(),
                  table.widestN(),
                  selfNode,
                  next.peer(),
                  localHost,
                  peerHost,
                  replicaOf(ring, table),
                  settings.maxKeysPerExchange(),
                  settings.stepTimeout(),
                  finishedAdapter));
    }
    if (running == 0 && queue.isEmpty() && !paused) {
      timers.startSingleTimer(Round.INSTANCE, settings.interval());
    }
    return this;
  }

  /**
   * Whether a node is one of a key's primaries under its bucket's n, over this ring and
   * table (immutable values, so the exchange can use it on its own thread).
   */
  private static BiPredicate<String, Key> replicaOf(Ring ring, BucketRegistry.Table table) {
    Partitioning partitioning = new Partitioning(ring.partitions());
    return (node, key) ->
        PreferenceList.primaries(ring, partitioning.partitionOf(key), table.propsOf(key.bucket()).n())
            .contains(node);
  }

  private Behavior<Command> onExchangeFinished(ExchangeFinished msg) {
    TreeExchange.Finished f = msg.finished();
    running--;
    Long started = startedNanos.remove(new Pair(f.partition(), f.peer()));
    double share = budget.share();
    if (started != null && share < 1.0 && !paused) {
      long pause = (long) ((System.nanoTime() - started) * (1.0 / share - 1.0));
      paused = true;
      timers.startSingleTimer(Resume.INSTANCE, Duration.ofNanos(Math.min(pause, 30_000_000_000L)));
    }
    if (f.completed()) {
      exchanges++;
      keysRepaired += f.keysRepaired();
      lastExchange.put(f.partition(), clock.millis());
      if (f.keysRepaired() > 0) {
        getContext()
            .getLog()
            .info("anti-entropy: partition {} with {}: {} keys repaired", f.partition(), f.peer(), f.keysRepaired());
      }
    }
    return startExchanges();
  }
}
