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
    extends EventSourcedBehavior<RingManager.Command, RingManager.RingAdopted, RingManager.State> {

  public static final String NAME = "ring";

  public interface Command extends CborSerializable {}

  /** Answered once a ring is known (requests wait until then). */
  public record GetRing(ActorRef<Ring> replyTo) implements Command {}

  /** Receive the current ring (once known) and every newer one. */
  public record Subscribe(ActorRef<Ring> subscriber) implements Command {}

  /** A ring computed by the claimant. */
  public record Publish(Ring ring) implements Command {}

  private enum GossipTick implements Command {
    INSTANCE
  }

  public record RingAdopted(Ring ring) implements CborSerializable {}

  /** The ring, or null before the first one arrives. */
  public record State(Ring ring) implements CborSerializable {}

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
    return new State(null);
  }

  @Override
  public CommandHandler<Command, RingAdopted, State> commandHandler() {
    return newCommandHandlerBuilder()
        .forAnyState()
        .onCommand(GetRing.class, this::onGetRing)
        .onCommand(Subscribe.class, this::onSubscribe)
        .onCommand(Publish.class, this::onPublish)
        .onCommand(GossipTick.class, this::onGossipTick)
        .build();
  }

  private Effect<RingAdopted, State> onGetRing(State state, GetRing cmd) {
    if (state.ring() == null) {
      return Effect().stash();
    }
    cmd.replyTo().tell(state.ring());
    return Effect().none();
  }

  private Effect<RingAdopted, State> onSubscribe(State state, Subscribe cmd) {
    subscribers.add(cmd.subscriber());
    if (state.ring() != null) {
      cmd.subscriber().tell(state.ring());
    }
    return Effect().none();
  }

  private Effect<RingAdopted, State> onPublish(State state, Publish cmd) {
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

  private Effect<RingAdopted, State> onGossipTick(State state, GossipTick tick) {
    claimant.tell(new Claimant.Report(nodeId, state.ring(), context.getSelf()));
    return Effect().none();
  }

  @Override
  public EventHandler<State, RingAdopted> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(RingAdopted.class, (State s, RingAdopted e) -> new State(e.ring()))
        .build();
  }
}
