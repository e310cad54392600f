package io.dynakv.node.ring;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Owns this node's current ring and tells subscribers when it changes. Rings only move
 * forward: one whose epoch is not newer than the current one is ignored, so late or
 * duplicated publications are harmless.
 */
public final class RingManager extends AbstractBehavior<RingManager.Command> {

  public static final String NAME = "ring";

  public interface Command extends CborSerializable {}

  public record GetRing(ActorRef<Ring> replyTo) implements Command {}

  /** Receive the current ring now and every newer one later. */
  public record Subscribe(ActorRef<Ring> subscriber) implements Command {}

  /** A ring computed by the claimant. */
  public record Publish(Ring ring) implements Command {}

  public static Behavior<Command> create(Ring initial) {
    return Behaviors.setup(ctx -> new RingManager(ctx, initial));
  }

  private final List<ActorRef<Ring>> subscribers = new ArrayList<>();
  private Ring ring;

  private RingManager(ActorContext<Command> context, Ring initial) {
    super(context);
    this.ring = initial;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GetRing.class, this::onGetRing)
        .onMessage(Subscribe.class, this::onSubscribe)
        .onMessage(Publish.class, this::onPublish)
        .build();
  }

  private Behavior<Command> onGetRing(GetRing msg) {
    msg.replyTo().tell(ring);
    return this;
  }

  private Behavior<Command> onSubscribe(Subscribe msg) {
    subscribers.add(msg.subscriber());
    msg.subscriber().tell(ring);
    return this;
  }

  private Behavior<Command> onPublish(Publish msg) {
    if (msg.ring().epoch() <= ring.epoch()) {
      return this;
    }
    ring = msg.ring();
    getContext().getLog().info("ring epoch {} members {}", ring.epoch(), ring.members());
    subscribers.forEach(s -> s.tell(ring));
    return this;
  }
}
