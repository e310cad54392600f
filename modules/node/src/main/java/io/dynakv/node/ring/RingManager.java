package io.dynakv.node.ring;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.TimerScheduler;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandler;
import akka.persistence.typed.javadsl.Effect;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehavior;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns this node's current ring: persists every ring it adopts (so a restart, even of the
 * whole cluster, keeps it), tells subscribers, and reports it to the {@link Claimant} on a
 * timer — which is how the claimant learns the newest ring after it moves, and how a node
 * that missed a publication catches up. Rings only move forward by epoch.
 */
public final class RingManager
    extends EventSourcedBehavior<RingManager.Command, RingManager.Event, RingManager.State> {

  public static final String NAME = "ring";

  public interface Command extends CborSerializable {}

  /** Answered once a ring is known (requests wait until then). */
  public record GetRing(ActorRef<Ring> replyTo) implements Command {}

  /** Receive the current ring (once known) and every newer one. */
  public record Subscribe(ActorRef<Ring> subscriber) implements Command {}

  /** A ring computed by the claimant. */
  public record Publish(Ring ring) implements Command {}

  /**
   * Ask to be let back into the ring: a node that left stays out, even across restarts, until
   * this is asked. The claimant answers; a node that was never admitted cannot admit itself.
   */
  public record Rejoin(ActorRef<Claimant.Answer> replyTo) implements Command {}

  private enum GossipTick implements Command {
    INSTANCE
  }

  public interface Event extends CborSerializable {}

  public record RingAdopted(Ring ring) implements Event {}

  /** The operator asked a node that had left to join again. */
  public record Rejoined(String node) implements Event {}

  /**
   * The ring, or null before the first one arrives; {@code departed}: this node was a member
   * and a newer ring no longer has it (it left), so it must not be added back by itself.
   */
  public record State(Ring ring, boolean departed) implements CborSerializable {}

  public static Behavior<Command> create(
      String nodeId, ActorRef<Claimant.Command> claimant, Duration gossipInterval) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(GossipTick.INSTANCE, Duration.ZERO, gossipInterval);
                  return new RingManager(ctx, nodeId, claimant);
                }));
  }

  private final ActorContext<Command> context;
  private final String nodeId;
  private final ActorRef<Claimant.Command> claimant;
  private final List<ActorRef<Ring>> subscribers = new ArrayList<>();

  private RingManager(
      ActorContext<Command> context, String nodeId, ActorRef<Claimant.Command> claimant) {
    super(PersistenceId.ofUniqueId("ring"));
    this.context = context;
    this.nodeId = nodeId;
    this.claimant = claimant;
  }

  @Override
  public State emptyState() {
    return new State(null, false);
  }

  @Override
  public CommandHandler<Command, Event, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(GetRing.class, this::onGetRing)
        .onCommand(Subscribe.class, this::onSubscribe)
        .onCommand(Publish.class, this::onPublish)
        .onCommand(GossipTick.class, this::onGossipTick)
        .onCommand(Rejoin.class, this::onRejoin)
        .build();
  }

  private Effect<Event, State> onGetRing(State state, GetRing cmd) {
    if (state.ring() == null) {
      return Effect().stash();
    }
    cmd.replyTo().tell(state.ring());
    return Effect().none();
  }

  private Effect<Event, State> onSubscribe(State state, Subscribe cmd) {
    subscribers.add(cmd.subscriber());
    if (state.ring() != null) {
      cmd.subscriber().tell(state.ring());
    }
    return Effect().none();
  }

  private Effect<Event, State> onPublish(State state, Publish cmd) {
    if (state.ring() != null && cmd.ring().epoch() <= state.ring().epoch()) {
      return Effect().none();
    }
    return Effect()
        .persist(new RingAdopted(cmd.ring()))
        .thenRun(
            s -> {
              context.getLog().info("ring epoch {} members {}", s.ring().epoch(), s.ring().members());
              subscribers.forEach(sub -> sub.tell(s.ring()));
            })
        .thenUnstashAll();
  }

  private Effect<Event, State> onGossipTick(State state, GossipTick tick) {
    claimant.tell(new Claimant.Report(nodeId, state.ring(), state.departed(), context.getSelf()));
    return Effect().none();
  }

  private Effect<Event, State> onRejoin(State state, Rejoin cmd) {
    if (state.ring() != null && state.ring().isMember(nodeId)) {
      cmd.replyTo().tell(new Claimant.Answer(true, nodeId + " is a member of the ring"));
      return Effect().none();
    }
    boolean departed = state.departed();
    return Effect()
        .persist(new Rejoined(nodeId))
        .thenRun(
            s -> {
              claimant.tell(new Claimant.Report(nodeId, s.ring(), false, context.getSelf()));
              claimant.tell(new Claimant.Rejoin(nodeId, departed, cmd.replyTo()));
            });
  }

  @Override
  public EventHandler<State, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(RingAdopted.class, this::adopted)
        .onEvent(Rejoined.class, (State s, Rejoined e) -> new State(s.ring(), false))
        .build();
  }

  private State adopted(State state, RingAdopted event) {
    boolean member = event.ring().isMember(nodeId);
    boolean wasMember = state.ring() != null && state.ring().isMember(nodeId);
    return new State(event.ring(), !member && (wasMember || state.departed()));
  }
}
