package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.SnapshotAdapter;
import akka.persistence.typed.SnapshotCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import java.time.Duration;

/**
 * One partition's data on this node, as an event-sourced actor. Every change is persisted as
 * the merged object ({@link ObjectStored}) before it is acknowledged, so replay is idempotent.
 * Reads are served from memory.
 *
 * <p>Snapshot rule (DESIGN 7): snapshot once the events since the last snapshot exceed the
 * live size of the partition (but at least {@code snapshotMinEvents}), then drop older events,
 * which keeps amortised write amplification at or below two.
 */
public final class PartitionReplica
    extends EventSourcedBehaviorWithEnforcedReplies<
        PartitionReplica.Command, PartitionReplica.ObjectStored, ReplicaState> {

  public interface Command extends CborSerializable {}

  /** Apply a client put on this replica, which coordinates it: the new version's dot is ours. */
  public record Coordinate(
      Key key, VersionVector context, Value value, boolean lastWriterWins, ActorRef<Stored> replyTo)
      implements Command {}

  public record Stored(String node, Key key, DvvSet object) implements CborSerializable {}

  /** Merge an object from another replica (replication, read repair, handoff). */
  public record Replicate(Key key, DvvSet object, boolean lastWriterWins, ActorRef<Replicated> replyTo)
      implements Command {}

  public record Replicated(String node, Key key) implements CborSerializable {}

  public record Read(Key key, ActorRef<ReadResult> replyTo) implements Command {}

  public record ReadResult(String node, Key key, DvvSet object) implements CborSerializable {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  public record Stats(int partition, String hintFor, int objects, long bytes)
      implements CborSerializable {}

  /** The only event: the object as it is after the change. */
  public record ObjectStored(Key key, DvvSet object) implements CborSerializable {}

  /** Told to whoever compacts the journal once a snapshot is safely stored. */
  public record SnapshotTaken(String persistenceId, long sequenceNr) {}

  public static PersistenceId persistenceId(int partition, String hintFor) {
    return hintFor == null
        ? PersistenceId.of("partition", Integer.toString(partition))
        : PersistenceId.of("fallback", partition + "|" + hintFor);
  }

  public static Behavior<Command> create(
      String nodeId,
      int partition,
      String hintFor,
      int snapshotMinEvents,
      ActorRef<SnapshotTaken> compactor) {
    return Behaviors.setup(
        ctx -> new PartitionReplica(ctx, nodeId, partition, hintFor, snapshotMinEvents, compactor));
  }

  private final ActorContext<Command> context;
  private final String nodeId;
  private final int partition;
  private final String hintFor;
  private final int snapshotMinEvents;
  private final ActorRef<SnapshotTaken> compactor;
  // Counts events applied since the last snapshot, during replay too: after a restart it
  // equals the events replayed on top of the snapshot.
  private long eventsSinceSnapshot;

  private PartitionReplica(
      ActorContext<Command> context,
      String nodeId,
      int partition,
      String hintFor,
      int snapshotMinEvents,
      ActorRef<SnapshotTaken> compactor) {
    super(
        persistenceId(partition, hintFor),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.nodeId = nodeId;
    this.partition = partition;
    this.hintFor = hintFor;
    this.snapshotMinEvents = snapshotMinEvents;
    this.compactor = compactor;
  }

  @Override
  public ReplicaState emptyState() {
    return ReplicaState.empty();
  }

  @Override
  public CommandHandlerWithReply<Command, ObjectStored, ReplicaState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Coordinate.class, this::onCoordinate)
        .onCommand(Replicate.class, this::onReplicate)
        .onCommand(Read.class, this::onRead)
        .onCommand(GetStats.class, this::onGetStats)
        .build();
  }

  private ReplyEffect<ObjectStored, ReplicaState> onCoordinate(ReplicaState state, Coordinate cmd) {
    DvvSet updated = state.get(cmd.key()).update(cmd.context(), cmd.value(), nodeId);
    if (cmd.lastWriterWins()) {
      updated = updated.lastWriterWins();
    }
    return Effect()
        .persist(new ObjectStored(cmd.key(), updated))
        .thenReply(cmd.replyTo(), s -> new Stored(nodeId, cmd.key(), s.get(cmd.key())));
  }

  private ReplyEffect<ObjectStored, ReplicaState> onReplicate(ReplicaState state, Replicate cmd) {
    DvvSet current = state.get(cmd.key());
    DvvSet merged = current.merge(cmd.object());
    if (cmd.lastWriterWins()) {
      merged = merged.lastWriterWins();
    }
    Replicated ack = new Replicated(nodeId, cmd.key());
    if (merged.equals(current)) {
      // Nothing new: already durable here, acknowledge without a write.
      return cmd.replyTo() == null ? Effect().noReply() : Effect().reply(cmd.replyTo(), ack);
    }
    if (cmd.replyTo() == null) {
      return Effect().persist(new ObjectStored(cmd.key(), merged)).thenNoReply();
    }
    return Effect().persist(new ObjectStored(cmd.key(), merged)).thenReply(cmd.replyTo(), s -> ack);
  }

  private ReplyEffect<ObjectStored, ReplicaState> onRead(ReplicaState state, Read cmd) {
    return Effect().reply(cmd.replyTo(), new ReadResult(nodeId, cmd.key(), state.get(cmd.key())));
  }

  private ReplyEffect<ObjectStored, ReplicaState> onGetStats(ReplicaState state, GetStats cmd) {
    return Effect().reply(cmd.replyTo(), new Stats(partition, hintFor, state.size(), state.bytes()));
  }

  @Override
  public EventHandler<ReplicaState, ObjectStored> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ObjectStored.class, (ReplicaState state, ObjectStored event) -> apply(state, event))
        .build();
  }

  private ReplicaState apply(ReplicaState state, ObjectStored event) {
    eventsSinceSnapshot++;
    return state.with(event.key(), event.object());
  }

  @Override
  public boolean shouldSnapshot(ReplicaState state, ObjectStored event, long sequenceNr) {
    if (eventsSinceSnapshot > Math.max(snapshotMinEvents, state.size())) {
      eventsSinceSnapshot = 0;
      return true;
    }
    return false;
  }

  @Override
  public SnapshotAdapter<ReplicaState> snapshotAdapter() {
    return ReplicaSnapshot.ADAPTER;
  }

  @Override
  public SignalHandler<ReplicaState> signalHandler() {
    return newSignalHandlerBuilder()
        .onSignal(SnapshotCompleted.class, this::onSnapshotCompleted)
        .build();
  }

  private void onSnapshotCompleted(ReplicaState state, SnapshotCompleted done) {
    if (compactor != null) {
      compactor.tell(
          new SnapshotTaken(done.metadata().persistenceId(), done.metadata().sequenceNr()));
    }
    context.getLog().debug("partition {} snapshot at {}", partition, done.metadata().sequenceNr());
  }
}
