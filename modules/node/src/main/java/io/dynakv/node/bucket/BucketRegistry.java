package io.dynakv.node.bucket;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.cluster.ClusterEvent;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import io.dynakv.core.BucketProps;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.cluster.ClusterView;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties (n, r, w, allow-siblings) of every bucket that has been given some; other
 * buckets use the configured defaults. Each node keeps the whole table, event-sourced so it
 * survives restarts, and gossips it to the other members on a timer (and at once after a
 * change): entries merge last-writer-wins by (timestamp, node), so every node converges on
 * the same table, including one that was down when the change was made.
 */
public final class BucketRegistry
    extends EventSourcedBehaviorWithEnforcedReplies<
        BucketRegistry.Command, BucketRegistry.PropsSet, BucketRegistry.State> {

  public static final String NAME = "buckets";

  public interface Command extends CborSerializable {}

  public record GetProps(String bucket, ActorRef<BucketProps> replyTo) implements Command {}

  public record SetProps(String bucket, BucketProps props, ActorRef<BucketProps> replyTo)
      implements Command {}

  public record Subscribe(ActorRef<Table> subscriber) implements Command {}

  /** Another node's whole table. */
  public record Gossip(Map<String, VersionedProps> props) implements Command {}

  private enum GossipTick implements Command {
    INSTANCE
  }

  private record ClusterChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  /** A bucket's properties as set at {@code timestamp} on {@code node}; the later setting wins. */
  public record VersionedProps(BucketProps props, long timestamp, String node)
      implements CborSerializable {
    boolean newerThan(VersionedProps other) {
      return other == null
          || timestamp > other.timestamp
          || (timestamp == other.timestamp && node.compareTo(other.node) > 0);
    }
  }

  /** Every bucket with its own properties; {@link #propsOf} falls back to the defaults. */
  public record Table(Map<String, BucketProps> props, BucketProps defaults)
      implements CborSerializable {
    public BucketProps propsOf(String bucket) {
      return props.getOrDefault(bucket, defaults);
    }

    /**
     * The largest n of any bucket (the defaults included): a partition's data may live on
     * that many nodes of its walk, so whatever decides which nodes are "the replicas of
     * partition p" (anti-entropy partners, handoff destinations, reaping) walks this far, not
     * the ring's target-n.
     */
    public int widestN() {
      int n = defaults.n();
      for (BucketProps p : props.values()) {
        n = Math.max(n, p.n());
      }
      return n;
    }
  }

  public record PropsSet(String bucket, VersionedProps props) implements CborSerializable {}

  public record State(Map<String, VersionedProps> props) implements CborSerializable {
    State with(String bucket, VersionedProps p) {
      Map<String, VersionedProps> copy = new HashMap<>(props);
      copy.put(bucket, p);
      return new State(Map.copyOf(copy));
    }

    Map<String, BucketProps> plain() {
      Map<String, BucketProps> plain = new HashMap<>();
      props.forEach((bucket, v) -> plain.put(bucket, v.props()));
      return Map.copyOf(plain);
    }
  }

  public static Behavior<Command> create(
      String selfNode, BucketProps defaults, Duration gossipInterval, Clock clock) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(GossipTick.INSTANCE, gossipInterval);
                  return new BucketRegistry(ctx, selfNode, defaults, clock);
                }));
  }

  private final ActorContext<Command> context;
  private final String selfNode;
  private final BucketProps defaults;
  private final Clock clock;
  private final ClusterView cluster;
  private final ActorRefResolver resolver;
  private final List<ActorRef<Table>> subscribers = new ArrayList<>();

  private BucketRegistry(
      ActorContext<Command> context, String selfNode, BucketProps defaults, Clock clock) {
    super(PersistenceId.ofUniqueId("bucket-props"));
    this.context = context;
    this.selfNode = selfNode;
    this.defaults = defaults;
    this.clock = clock;
    this.cluster = new ClusterView(selfNode);
    this.resolver = ActorRefResolver.get(context.getSystem());
    ClusterView.subscribe(context, ClusterChanged::new);
  }

  @Override
  public State emptyState() {
    return new State(Map.of());
  }

  @Override
  public CommandHandlerWithReply<Command, PropsSet, State> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(GetProps.class, this::onGetProps)
        .onCommand(SetProps.class, this::onSetProps)
        .onCommand(Subscribe.class, this::onSubscribe)
        .onCommand(Gossip.class, this::onGossip)
        .onCommand(GossipTick.class, this::onGossipTick)
        .onCommand(ClusterChanged.class, this::onClusterChanged)
        .build();
  }

  private ReplyEffect<PropsSet, State> onGetProps(State state, GetProps cmd) {
    VersionedProps p = state.props().get(cmd.bucket());
    return Effect().reply(cmd.replyTo(), p == null ? defaults : p.props());
  }

  private ReplyEffect<PropsSet, State> onSetProps(State state, SetProps cmd) {
    VersionedProps current = state.props().get(cmd.bucket());
    // Later than what this node has seen, even if this node's clock is behind.
    long timestamp = Math.max(clock.millis(), current == null ? 0 : current.timestamp() + 1);
    return Effect()
        .persist(new PropsSet(cmd.bucket(), new VersionedProps(cmd.props(), timestamp, selfNode)))
        .thenRun(
            s -> {
              publish(s);
              gossip(s);
            })
        .thenReply(cmd.replyTo(), s -> s.props().get(cmd.bucket()).props());
  }

  private ReplyEffect<PropsSet, State> onSubscribe(State state, Subscribe cmd) {
    subscribers.add(cmd.subscriber());
    cmd.subscriber().tell(new Table(state.plain(), defaults));
    return Effect().noReply();
  }

  private ReplyEffect<PropsSet, State> onGossip(State state, Gossip cmd) {
    List<PropsSet> newer = new ArrayList<>();
    cmd.props()
        .forEach(
            (bucket, theirs) -> {
              if (theirs.newerThan(state.props().get(bucket))) {
                newer.add(new PropsSet(bucket, theirs));
              }
            });
    if (newer.isEmpty()) {
      return Effect().noReply();
    }
    return Effect().persist(newer).thenRun(this::publish).thenNoReply();
  }

  private ReplyEffect<PropsSet, State> onGossipTick(State state, GossipTick tick) {
    gossip(state);
    return Effect().noReply();
  }

  private ReplyEffect<PropsSet, State> onClusterChanged(State state, ClusterChanged msg) {
    cluster.apply(msg.event());
    return Effect().noReply();
  }

  private void publish(State state) {
    Table table = new Table(state.plain(), defaults);
    subscribers.forEach(s -> s.tell(table));
  }

  private void gossip(State state) {
    if (state.props().isEmpty()) {
      return;
    }
    Gossip gossip = new Gossip(state.props());
    for (String node : cluster.reachableNodes()) {
      if (!node.equals(selfNode)) {
        cluster.<Command>actorOn(resolver, node, NAME).ifPresent(registry -> registry.tell(gossip));
      }
    }
  }

  @Override
  public EventHandler<State, PropsSet> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PropsSet.class, (State state, PropsSet e) -> state.with(e.bucket(), e.props()))
        .build();
  }
}
