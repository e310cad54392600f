package io.dynakv.node.bucket;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import io.dynakv.core.BucketProps;
import io.dynakv.node.CborSerializable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties (n, r, w, allow-siblings) of every bucket that has been given some; other
 * buckets use the configured defaults. Event-sourced, so properties survive restarts.
 * Subscribers get the whole table after every change.
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

  /** Every bucket with its own properties; {@link #propsOf} falls back to the defaults. */
  public record Table(Map<String, BucketProps> props, BucketProps defaults)
      implements CborSerializable {
    public BucketProps propsOf(String bucket) {
      return props.getOrDefault(bucket, defaults);
    }
  }

  public record PropsSet(String bucket, BucketProps props) implements CborSerializable {}

  public record State(Map<String, BucketProps> props) implements CborSerializable {
    State with(String bucket, BucketProps p) {
      Map<String, BucketProps> copy = new HashMap<>(props);
      copy.put(bucket, p);
      return new State(Map.copyOf(copy));
    }
  }

  public static Behavior<Command> create(BucketProps defaults) {
    return Behaviors.setup(ctx -> new BucketRegistry(ctx, defaults));
  }

  private final BucketProps defaults;
  private final List<ActorRef<Table>> subscribers = new ArrayList<>();

  private BucketRegistry(ActorContext<Command> context, BucketProps defaults) {
    super(PersistenceId.ofUniqueId("bucket-props"));
    this.defaults = defaults;
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
        .build();
  }

  private ReplyEffect<PropsSet, State> onGetProps(State state, GetProps cmd) {
    return Effect().reply(cmd.replyTo(), state.props().getOrDefault(cmd.bucket(), defaults));
  }

  private ReplyEffect<PropsSet, State> onSetProps(State state, SetProps cmd) {
    return Effect()
        .persist(new PropsSet(cmd.bucket(), cmd.props()))
        .thenRun(s -> publish(s))
        .thenReply(cmd.replyTo(), s -> s.props().get(cmd.bucket()));
  }

  private ReplyEffect<PropsSet, State> onSubscribe(State state, Subscribe cmd) {
    subscribers.add(cmd.subscriber());
    cmd.subscriber().tell(new Table(state.props(), defaults));
    return Effect().noReply();
  }

  private void publish(State state) {
    Table table = new Table(state.props(), defaults);
    subscribers.forEach(s -> s.tell(table));
  }

  @Override
  public EventHandler<State, PropsSet> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(PropsSet.class, (state, e) -> state.with(e.bucket(), e.props()))
        .build();
  }
}
