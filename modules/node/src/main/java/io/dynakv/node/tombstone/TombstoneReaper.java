package io.dynakv.node.tombstone;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.cluster.ClusterEvent;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.bucket.BucketRegistry;
import io.dynakv.node.cluster.ClusterView;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.ring.RingManager;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Removes tombstones once they can no longer keep a deleted value from coming back. Every
 * {@code interval}, if the ring is settled and every member is reachable, a {@link ReapRound}
 * checks the partitions this node is the first owner of: it goes on only when no node holds
 * data waiting for handoff, then reaps each tombstone older than the grace time that all of
 * the key's replicas hold identically. A replica that was away keeps every tombstone alive
 * until it is back and has the tombstone too.
 */
public final class TombstoneReaper extends AbstractBehavior<TombstoneReaper.Command> {

  public static final String NAME = "tombstone-reaper";

  public interface Command extends CborSerializable {}

  public record GetStatus(ActorRef<Status> replyTo) implements Command {}

  /** Totals since start; {@code lastSkipped} says why the latest round did nothing, if it did not. */
  public record Status(long rounds, long reaped, String lastSkipped) implements CborSerializable {}

  private enum Round implements Command {
    INSTANCE
  }

  record RoundFinished(long reaped, String skipped) implements Command {}

  private record RingUpdated(Ring ring) implements Command {}

  private record TableUpdated(BucketRegistry.Table table) implements Command {}

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  public static Behavior<Command> create(
      String selfNode,
      NodeSettings.TombstoneSettings settings,
      ActorRef<ReplicaHost.Command> localHost,
      ActorRef<Handoff.Command> localHandoff,
      ActorRef<RingManager.Command> ringManager,
      ActorRef<BucketRegistry.Command> buckets,
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
                  if (settings.reap()) {
                    timers.startSingleTimer(Round.INSTANCE, settings.interval());
                  }
                  return new TombstoneReaper(
                      ctx, timers, selfNode, settings, localHost, localHandoff, clock);
                }));
  }

  private final TimerScheduler<Command> timers;
  private final String selfNode;
  private final NodeSettings.TombstoneSettings settings;
  private final ActorRef<ReplicaHost.Command> localHost;
  private final ActorRef<Handoff.Command> localHandoff;
  private final Clock clock;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private Ring ring;
  private BucketRegistry.Table table;
  private long rounds;
  private long reaped;
  private String lastSkipped = "no round yet";

  private TombstoneReaper(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      String selfNode,
      NodeSettings.TombstoneSettings settings,
      ActorRef<ReplicaHost.Command> localHost,
      ActorRef<Handoff.Command> localHandoff,
      Clock clock) {
    super(context);
    this.timers = timers;
    this.selfNode = selfNode;
    this.settings = settings;
    this.localHost = localHost;
    this.localHandoff = localHandoff;
    this.clock = clock;
    this.cluster = new ClusterView(selfNode);
    this.resolver = ActorRefResolver.get(context.getSystem());
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetStatus.class, msg -> {
          msg.replyTo().tell(new Status(rounds, reaped, lastSkipped));
          return this;
        })
        .onMessageEquals(Round.INSTANCE, this::onRound)
        .onMessage(RoundFinished.class, this::onRoundFinished)
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
        .build();
  }

  private Behavior<Command> onRound() {
    String skip = skipReason();
    if (skip != null) {
      return onRoundFinished(new RoundFinished(0, skip));
    }
    Map<String, ActorRef<ReplicaHost.Command>> hosts = new HashMap<>();
    Map<String, ActorRef<Handoff.Command>> handoffs = new HashMap<>();
    for (String member : ring.members()) {
      if (member.equals(selfNode)) {
        hosts.put(member, localHost);
        handoffs.put(member, localHandoff);
        continue;
      }
      Optional<ActorRef<ReplicaHost.Command>> host = cluster.actorOn(resolver, member, ReplicaHost.NAME);
      Optional<ActorRef<Handoff.Command>> handoff = cluster.actorOn(resolver, member, Handoff.NAME);
      if (host.isEmpty() || handoff.isEmpty()) {
        return onRoundFinished(new RoundFinished(0, "no address known for " + member));
      }
      hosts.put(member, host.get());
      handoffs.put(member, handoff.get());
    }
    getContext()
        .spawnAnonymous(
            ReapRound.create(
                selfNode,
                ring,
                table,
                hosts,
                handoffs,
                clock.millis() - settings.grace().toMillis(),
                settings.maxKeysPerRound(),
                getContext().getSelf()));
    return this;
  }

  /** Why no tombstone may go now, or null. */
  private String skipReason() {
    if (ring == null || table == null) {
      return "no ring yet";
    }
    if (ring.inTransition()) {
      return "the ring is in transition";
    }
    for (String member : ring.members()) {
      if (!cluster.isReachable(member)) {
        return member + " is not reachable";
      }
    }
    return null;
  }

  private Behavior<Command> onRoundFinished(RoundFinished msg) {
    rounds++;
    reaped += msg.reaped();
    lastSkipped = msg.skipped();
    if (msg.reaped() > 0) {
      getContext().getLog().info("reaped {} tombstones", msg.reaped());
    }
    timers.startSingleTimer(Round.INSTANCE, settings.interval());
    return this;
  }
}
