package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.SnapshotAdapter;
import akka.persistence.typed.RecoveryCompleted;
import akka.persistence.typed.SnapshotCompleted;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.SignalHandler;
import io.dynakv.core.Key;
import io.dynakv.core.merkle.TicTacTree;
import io.dynakv.core.merkle.VersionHash;
import io.dynakv.core.version.ClockPruning;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.storage.JournalCompactor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

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
        PartitionReplica.Command, PartitionReplica.Event, ReplicaState> {

  public interface Command extends CborSerializable {}

  /** Writers a key's clock may name before unknown ones in a client's context are ignored. */
  static final int MAX_CLOCK_ENTRIES = 256;

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

  public record ReadResult(String node, Key key, DvvSet object) implements ReadReply {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  public record Stats(int partition, String hintFor, int objects, long bytes)
      implements CborSerializable {}

  /** Up to {@code max} of the objects held (a fallback's hints, for handoff). */
  public record TakeBatch(int max, ActorRef<Batch> replyTo) implements Command {}

  public record Batch(List<ReplicaSnapshot.Entry> entries) implements CborSerializable {}

  /**
   * Forget the given objects, each only if it is still exactly as given (a write that arrived
   * since stays, to be handed off later). Answers how many objects remain.
   */
  public record DropIfUnchanged(List<ReplicaSnapshot.Entry> entries, ActorRef<Dropped> replyTo)
      implements Command {}

  public record Dropped(int remaining) implements CborSerializable {}

  /** Stop if empty (a fallback whose hints all went home); answers with the last sequence nr. */
  public record Retire(ActorRef<Retired> replyTo) implements Command {}

  /** {@code retired} false: something arrived meanwhile, the replica stays. */
  public record Retired(boolean retired, String persistenceId, long lastSequenceNr)
      implements CborSerializable {}

  /** The replica's Merkle tree (anti-entropy, step 1). */
  public record GetTree(ActorRef<TreeSummary> replyTo) implements Command {}

  public record TreeSummary(int partition, long root, long[] segments) implements CborSerializable {}

  /** Fingerprints of the keys in some segments (anti-entropy, step 2). */
  public record GetKeyHashes(List<Integer> segments, ActorRef<KeyHashes> replyTo)
      implements Command {}

  public record KeyHash(Key key, long hash) {}

  public record KeyHashes(List<KeyHash> hashes) implements CborSerializable {}

  /** The objects of some keys (anti-entropy, step 3); absent keys come back empty. */
  public record GetObjects(List<Key> keys, ActorRef<Batch> replyTo) implements Command {}

  /** Every key held (copying the partition to an incoming replica). */
  public record ListKeys(ActorRef<Keys> replyTo) implements Command {}

  public record Keys(List<Key> keys) implements CborSerializable {}

  /**
   * Up to {@code max} objects that are tombstones only, every one of them written before
   * {@code deletedBeforeMillis} (candidates for reaping).
   */
  public record ListTombstones(long deletedBeforeMillis, int max, ActorRef<Batch> replyTo)
      implements Command {}

  public interface Event extends CborSerializable {}

  /** The object as it is after the change. */
  public record ObjectStored(Key key, DvvSet object) implements Event {}

  /**
   * The writer id of earlier versions, rotated after every drop (which gave every key a new
   * clock entry). Still read from old journals, and ignored: such a copy chooses a writer base
   * of the new form before its next write, which no earlier dot can carry.
   */
  public record DotIdAssigned(String dotId) implements Event {}

  /** This replica copy's writer base, chosen before its first coordinated write and kept. */
  public record WriterAssigned(String writerBase) implements Event {}

  /**
   * Objects no longer held here (handed off to their primary, or reaped tombstones). Starts a
   * new epoch of this copy (see {@link ReplicaState}).
   */
  public record ObjectsDropped(List<Key> keys) implements Event {}

  public static PersistenceId persistenceId(int partition, String hintFor) {
    return hintFor == null
        ? PersistenceId.of("partition", Integer.toString(partition))
        : PersistenceId.ofUniqueId("fallback|" + partition + "|" + hintFor);
  }

  public static Behavior<Command> create(
      String nodeId,
      int partition,
      String hintFor,
      int snapshotMinEvents,
      ActorRef<JournalCompactor.Command> compactor,
      BackgroundBudget budget) {
    return create(nodeId, partition, hintFor, snapshotMinEvents, compactor, budget, Duration.ZERO);
  }

  /**
   * @param unsafePersistDelay zero in production. Fault injection for the test suite only
   *     ({@code dynakv.testing.unsafe-persist-delay}): writes are acknowledged at once and
   *     persisted this much later, so a crash in between loses acknowledged writes — the bug
   *     the fault tests must be able to catch.
   */
  public static Behavior<Command> create(
      String nodeId,
      int partition,
      String hintFor,
      int snapshotMinEvents,
      ActorRef<JournalCompactor.Command> compactor,
      BackgroundBudget budget,
      Duration unsafePersistDelay) {
    return Behaviors.setup(
        ctx ->
            new PartitionReplica(
                ctx,
                nodeId,
                partition,
                hintFor,
                snapshotMinEvents,
                compactor,
                budget,
                unsafePersistDelay));
  }

  /** Fault injection only: persist events whose write was acknowledged earlier. */
  private record PersistLater(List<Event> events) implements Command {}

  private final ActorContext<Command> context;
  private final String nodeId;
  private final int partition;
  private final String hintFor;
  private final int snapshotMinEvents;
  private final ActorRef<JournalCompactor.Command> compactor;
  private final BackgroundBudget budget;
  private final Duration unsafePersistDelay;
  private final ClockPruning pruning = ClockPruning.DEFAULT;
  // Counts events applied since the last snapshot, during replay too: after a restart it
  // equals the events replayed on top of the snapshot.
  private long eventsSinceSnapshot;
  // Kept up to date by the event handler (an O(1) XOR per change), built once after recovery.
  private TicTacTree tree = new TicTacTree(TicTacTree.DEFAULT_SEGMENTS);

  private PartitionReplica(
      ActorContext<Command> context,
      String nodeId,
      int partition,
      String hintFor,
      int snapshotMinEvents,
      ActorRef<JournalCompactor.Command> compactor,
      BackgroundBudget budget,
      Duration unsafePersistDelay) {
    super(
        persistenceId(partition, hintFor),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.nodeId = nodeId;
    this.partition = partition;
    this.hintFor = hintFor;
    this.snapshotMinEvents = snapshotMinEvents;
    this.compactor = compactor;
    this.budget = budget;
    this.unsafePersistDelay = unsafePersistDelay;
    if (!unsafePersistDelay.isZero()) {
      context.getLog().warn("UNSAFE: partition {} acknowledges writes {} before persisting them", partition, unsafePersistDelay);
    }
  }

  @Override
  public ReplicaState emptyState() {
    return ReplicaState.empty();
  }

  @Override
  public CommandHandlerWithReply<Command, Event, ReplicaState> commandHandler() {
    return newCommandHandlerWithReplyBuilder()
        .forAnyState()
        .onCommand(Coordinate.class, this::onCoordinate)
        .onCommand(PersistLater.class, (state, cmd) -> Effect().persist(cmd.events()).thenNoReply())
        .onCommand(Replicate.class, this::onReplicate)
        .onCommand(Read.class, this::onRead)
        .onCommand(GetStats.class, this::onGetStats)
        .onCommand(TakeBatch.class, this::onTakeBatch)
        .onCommand(DropIfUnchanged.class, this::onDropIfUnchanged)
        .onCommand(Retire.class, this::onRetire)
        .onCommand(GetTree.class, this::onGetTree)
        .onCommand(GetKeyHashes.class, this::onGetKeyHashes)
        .onCommand(GetObjects.class, this::onGetObjects)
        .onCommand(ListKeys.class, this::onListKeys)
        .onCommand(ListTombstones.class, this::onListTombstones)
        .build();
  }

  private ReplyEffect<Event, ReplicaState> onCoordinate(ReplicaState state, Coordinate cmd) {
    List<Event> events = new ArrayList<>(2);
    ReplicaState writing = state;
    if (state.writerBase() == null) {
      WriterAssigned assigned = new WriterAssigned(newWriterBase());
      events.add(assigned);
      writing = state.withWriterBase(assigned.writerBase());
    }
    String writer = writing.writerFor(cmd.key());
    DvvSet current = state.get(cmd.key());
    DvvSet updated =
        current.update(
            current.admissibleContext(cmd.context(), MAX_CLOCK_ENTRIES), cmd.value(), writer);
    if (cmd.lastWriterWins()) {
      updated = updated.lastWriterWins();
    }
    updated = pruning.prune(updated, writer, System.currentTimeMillis());
    events.add(new ObjectStored(cmd.key(), updated));
    if (!unsafePersistDelay.isZero()) {
      context.scheduleOnce(unsafePersistDelay, context.getSelf(), new PersistLater(events));
      return Effect().reply(cmd.replyTo(), new Stored(nodeId, cmd.key(), updated));
    }
    long started = System.nanoTime();
    return Effect()
        .persist(events)
        .thenReply(
            cmd.replyTo(),
            s -> {
              budget.recordForeground(System.nanoTime() - started);
              return new Stored(nodeId, cmd.key(), s.get(cmd.key()));
            });
  }

  /**
   * The node id, readable in contexts, then a random tag that makes this copy's writer unique
   * among the copies one node ever held. The '/' keeps it apart from the writer ids of earlier
   * versions ({@code node.tag}): node ids never contain one.
   */
  private String newWriterBase() {
    return nodeId + "/" + Integer.toHexString(ThreadLocalRandom.current().nextInt() | 0x10000000);
  }

  private ReplyEffect<Event, ReplicaState> onReplicate(ReplicaState state, Replicate cmd) {
    DvvSet current = state.get(cmd.key());
    DvvSet merged = current.merge(cmd.object());
    if (cmd.lastWriterWins()) {
      merged = merged.lastWriterWins();
    }
    merged = pruning.prune(merged, state.writerFor(cmd.key()), System.currentTimeMillis());
    Replicated ack = new Replicated(nodeId, cmd.key());
    if (merged.equals(current)) {
      // Nothing new: already durable here, acknowledge without a write.
      return cmd.replyTo() == null ? Effect().noReply() : Effect().reply(cmd.replyTo(), ack);
    }
    if (!unsafePersistDelay.isZero()) {
      context.scheduleOnce(
          unsafePersistDelay, context.getSelf(), new PersistLater(List.of(new ObjectStored(cmd.key(), merged))));
      return cmd.replyTo() == null ? Effect().noReply() : Effect().reply(cmd.replyTo(), ack);
    }
    if (cmd.replyTo() == null) {
      return Effect().persist(new ObjectStored(cmd.key(), merged)).thenNoReply();
    }
    long started = System.nanoTime();
    return Effect()
        .persist(new ObjectStored(cmd.key(), merged))
        .thenReply(
            cmd.replyTo(),
            s -> {
              budget.recordForeground(System.nanoTime() - started);
              return ack;
            });
  }

  private ReplyEffect<Event, ReplicaState> onRead(ReplicaState state, Read cmd) {
    return Effect().reply(cmd.replyTo(), new ReadResult(nodeId, cmd.key(), state.get(cmd.key())));
  }

  private ReplyEffect<Event, ReplicaState> onGetStats(ReplicaState state, GetStats cmd) {
    return Effect().reply(cmd.replyTo(), new Stats(partition, hintFor, state.size(), state.bytes()));
  }

  private ReplyEffect<Event, ReplicaState> onTakeBatch(ReplicaState state, TakeBatch cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>(Math.min(cmd.max(), state.size()));
    for (Map.Entry<Key, DvvSet> e : state.objects().entrySet()) {
      if (entries.size() >= cmd.max()) {
        break;
      }
      entries.add(new ReplicaSnapshot.Entry(e.getKey(), e.getValue()));
    }
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }

  private ReplyEffect<Event, ReplicaState> onDropIfUnchanged(
      ReplicaState state, DropIfUnchanged cmd) {
    List<Key> unchanged = new ArrayList<>();
    for (ReplicaSnapshot.Entry e : cmd.entries()) {
      if (state.objects().containsKey(e.key()) && state.get(e.key()).equals(e.object())) {
        unchanged.add(e.key());
      }
    }
    if (unchanged.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Dropped(state.size()));
    }
    return Effect()
        .persist(new ObjectsDropped(unchanged))
        .thenReply(cmd.replyTo(), s -> new Dropped(s.size()));
  }

  private ReplyEffect<Event, ReplicaState> onRetire(ReplicaState state, Retire cmd) {
    String pid = persistenceId(partition, hintFor).id();
    long lastSeq = lastSequenceNumber(context);
    if (state.size() > 0) {
      return Effect().reply(cmd.replyTo(), new Retired(false, pid, lastSeq));
    }
    return Effect().stop().thenReply(cmd.replyTo(), s -> new Retired(true, pid, lastSeq));
  }

  @Override
  public EventHandler<ReplicaState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onEvent(ObjectStored.class, (ReplicaState state, ObjectStored event) -> stored(state, event))
        .onEvent(ObjectsDropped.class, (ReplicaState state, ObjectsDropped event) -> dropped(state, event))
        .onEvent(DotIdAssigned.class, (ReplicaState state, DotIdAssigned event) -> state)
        .onEvent(WriterAssigned.class, (ReplicaState state, WriterAssigned event) -> state.withWriterBase(event.writerBase()))
        .build();
  }

  private ReplyEffect<Event, ReplicaState> onGetTree(ReplicaState state, GetTree cmd) {
    return Effect().reply(cmd.replyTo(), new TreeSummary(partition, tree.root(), tree.segments()));
  }

  private ReplyEffect<Event, ReplicaState> onGetKeyHashes(ReplicaState state, GetKeyHashes cmd) {
    Set<Integer> wanted = new HashSet<>(cmd.segments());
    List<KeyHash> hashes = new ArrayList<>();
    for (Map.Entry<Key, DvvSet> e : state.objects().entrySet()) {
      if (wanted.contains(tree.segmentOf(e.getKey()))) {
        hashes.add(new KeyHash(e.getKey(), VersionHash.of(e.getKey(), e.getValue())));
      }
    }
    return Effect().reply(cmd.replyTo(), new KeyHashes(hashes));
  }

  private ReplyEffect<Event, ReplicaState> onListKeys(ReplicaState state, ListKeys cmd) {
    return Effect().reply(cmd.replyTo(), new Keys(List.copyOf(state.objects().keySet())));
  }

  private ReplyEffect<Event, ReplicaState> onListTombstones(ReplicaState state, ListTombstones cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>();
    for (Map.Entry<Key, DvvSet> e : state.objects().entrySet()) {
      if (entries.size() >= cmd.max()) {
        break;
      }
      DvvSet object = e.getValue();
      if (object.allDeleted()
          && object.values().stream().allMatch(v -> v.lastModified() < cmd.deletedBeforeMillis())) {
        entries.add(new ReplicaSnapshot.Entry(e.getKey(), object));
      }
    }
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }

  private ReplyEffect<Event, ReplicaState> onGetObjects(ReplicaState state, GetObjects cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>(cmd.keys().size());
    for (Key key : cmd.keys()) {
      entries.add(new ReplicaSnapshot.Entry(key, state.get(key)));
    }
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }

  private ReplicaState stored(ReplicaState state, ObjectStored event) {
    eventsSinceSnapshot++;
    tree.update(event.key(), state.objects().get(event.key()), event.object());
    return state.with(event.key(), event.object());
  }

  private ReplicaState dropped(ReplicaState state, ObjectsDropped event) {
    eventsSinceSnapshot++;
    for (Key key : event.keys()) {
      tree.update(key, state.objects().get(key), null);
    }
    // The dropped keys' counters are forgotten with them: a later write of one of those keys
    // here must not reissue a dot the primary already holds. Dropping starts a new epoch, so
    // such a key, created again here, gets a writer that never wrote it.
    return state.without(event.keys());
  }

  @Override
  public boolean shouldSnapshot(ReplicaState state, Event event, long sequenceNr) {
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
        .onSignal(RecoveryCompleted.class, this::onRecoveryCompleted)
        .build();
  }

  private void onRecoveryCompleted(ReplicaState state, RecoveryCompleted done) {
    // A snapshot loads the state without its events: build the tree from what was loaded.
    tree = TicTacTree.of(TicTacTree.DEFAULT_SEGMENTS, state.objects().entrySet());
  }

  private void onSnapshotCompleted(ReplicaState state, SnapshotCompleted done) {
    if (compactor != null) {
      compactor.tell(
          new JournalCompactor.SnapshotTaken(
              done.metadata().persistenceId(), done.metadata().sequenceNr()));
    }
    context.getLog().debug("partition {} snapshot at {}", partition, done.metadata().sequenceNr());
  }
}
