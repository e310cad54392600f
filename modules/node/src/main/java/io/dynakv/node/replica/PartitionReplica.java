package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.SupervisorStrategy;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.persistence.typed.PersistenceId;
import akka.persistence.typed.javadsl.CommandHandlerWithReply;
import akka.persistence.typed.javadsl.EventHandler;
import akka.persistence.typed.javadsl.EventSourcedBehaviorWithEnforcedReplies;
import akka.persistence.typed.javadsl.ReplyEffect;
import akka.persistence.typed.javadsl.Recovery;
import io.dynakv.core.InvalidInputException;
import io.dynakv.core.Key;
import io.dynakv.core.Limits;
import io.dynakv.core.merkle.TicTacTree;
import io.dynakv.core.merkle.VersionHash;
import io.dynakv.core.version.ClockPruning;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.core.storage.StoreKeys;
import io.dynakv.node.storage.JournalRecords;
import io.dynakv.node.storage.Materialized;
import io.dynakv.node.storage.NodeStore;
import io.dynakv.node.storage.ObjectCodec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;

/**
 * One partition's data on this node (owned, or held for another node as hints), as an
 * event-sourced actor over the node's store. Every change is persisted as the merged object
 * ({@link ObjectStored}) before it is acknowledged; the journal ({@link
 * io.dynakv.node.storage.RocksJournal}) writes it into the store with the replica's new state
 * in one atomic batch, so the store is the replica's state: reads and scans go to it, the heap
 * holds only {@link ReplicaState} and, once anti-entropy asked, the Merkle tree. Nothing is
 * replayed at start.
 *
 * <p>While an event is being persisted the actor stashes its commands, so every command reads
 * the store as the last acknowledged change left it.
 */
public final class PartitionReplica
    extends EventSourcedBehaviorWithEnforcedReplies<
        PartitionReplica.Command, PartitionReplica.Event, ReplicaState> {

  public interface Command extends CborSerializable {}

  /** Writers a key's clock may name before unknown ones in a client's context are ignored. */
  static final int MAX_CLOCK_ENTRIES = 256;

  /**
   * Apply a client put on this replica, which coordinates it: the new version's dot is ours.
   * {@code replyTo} hears once the new object is durable here. {@code computedTo}, if given,
   * hears it as soon as it is computed, before it is persisted, so the coordinator can send it
   * to the other replicas while this one persists (one commit on the critical path, not two).
   */
  public record Coordinate(
      Key key,
      VersionVector context,
      Value value,
      boolean lastWriterWins,
      ActorRef<Coordinated> replyTo,
      ActorRef<Computed> computedTo)
      implements Command {
    public Coordinate(
        Key key, VersionVector context, Value value, boolean lastWriterWins, ActorRef<Coordinated> replyTo) {
      this(key, context, value, lastWriterWins, replyTo, null);
    }
  }

  /** The answer to a {@link Coordinate}: stored, or refused because the object grew too large. */
  public sealed interface Coordinated extends CborSerializable permits Stored, TooLarge {}

  public record Stored(String node, Key key, DvvSet object) implements Coordinated {}

  /**
   * The write would have made the key's object larger than {@code limits.max-object-bytes}:
   * nothing was stored (see {@link Limits#checkObject}).
   */
  public record TooLarge(String node, Key key, String detail) implements Coordinated {}

  /** The coordinated write's new object, computed and not yet durable. */
  public record Computed(String node, Key key, DvvSet object) implements CborSerializable {}

  /** Merge an object from another replica (replication, read repair, handoff). */
  public record Replicate(Key key, DvvSet object, boolean lastWriterWins, ActorRef<Replicated> replyTo)
      implements Command {}

  public record Replicated(String node, Key key) implements CborSerializable {}

  public record Read(Key key, ActorRef<ReadResult> replyTo) implements Command {}

  public record ReadResult(String node, Key key, DvvSet object) implements ReadReply {}

  public record GetStats(ActorRef<Stats> replyTo) implements Command {}

  public record Stats(int partition, String hintFor, int objects, long bytes)
      implements CborSerializable {}

  /**
   * Up to {@code max} of the objects held, in key order after {@code after} (null: from the
   * first). A hinted handoff drops what it sent and asks from the start again; a copy pages
   * through the partition with the last key of the previous batch.
   */
  public record TakeBatch(int max, Key after, ActorRef<Batch> replyTo) implements Command {
    public TakeBatch(int max, ActorRef<Batch> replyTo) {
      this(max, null, replyTo);
    }
  }

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

  /**
   * Up to {@code max} objects that are tombstones only, every one of them written before
   * {@code deletedBeforeMillis} (candidates for reaping).
   */
  public record ListTombstones(long deletedBeforeMillis, int max, ActorRef<Batch> replyTo)
      implements Command {}

  /** Every event carries the replica's state after it; the store keeps that with its effect. */
  public interface Event extends CborSerializable, Materialized {
    ReplicaState after();
  }

  /**
   * The object as it is after the change, the epoch its key was created in here, and whether
   * it replaced an object that was tombstones only (so its tombstone mark goes).
   */
  public record ObjectStored(
      Key key, DvvSet object, long createdIn, boolean replacedTombstone, ReplicaState after)
      implements Event {
    @Override
    public void materialize(String persistenceId, NodeStore.Writes writes) {
      byte[] prefix = prefixOf(persistenceId);
      long deletedAt = -1;
      if (object.allDeleted()) {
        deletedAt = 0;
        for (Value v : object.values()) {
          deletedAt = Math.max(deletedAt, v.lastModified());
        }
      } else if (replacedTombstone) {
        writes.clearTombstone(prefix, key);
      }
      writes.putObject(prefix, key, createdIn, ObjectCodec.encode(object), deletedAt);
      writes.putRecord(stateRecord(persistenceId), after.encode());
    }
  }

  /**
   * Objects no longer held here (handed off to their primary, or reaped tombstones). Starts a
   * new epoch of this copy (see {@link ReplicaState}).
   */
  public record ObjectsDropped(List<Key> keys, ReplicaState after) implements Event {
    @Override
    public void materialize(String persistenceId, NodeStore.Writes writes) {
      byte[] prefix = prefixOf(persistenceId);
      for (Key key : keys) {
        writes.deleteObject(prefix, key);
      }
      writes.putRecord(stateRecord(persistenceId), after.encode());
    }
  }

  static String stateRecord(String persistenceId) {
    return JournalRecords.of(persistenceId, "replica");
  }

  private static final Map<String, byte[]> PREFIXES = new ConcurrentHashMap<>();

  /** The store prefix of a replica's objects, from its persistence id. */
  static byte[] prefixOf(String persistenceId) {
    return PREFIXES.computeIfAbsent(
        persistenceId,
        pid -> {
          String[] parts = pid.split("\\|", 3);
          return StoreKeys.replicaPrefix(Integer.parseInt(parts[1]), parts.length == 3 ? parts[2] : null);
        });
  }

  public static PersistenceId persistenceId(int partition, String hintFor) {
    return hintFor == null
        ? PersistenceId.of("partition", Integer.toString(partition))
        : PersistenceId.ofUniqueId("fallback|" + partition + "|" + hintFor);
  }

  public static Behavior<Command> create(
      String nodeId, int partition, String hintFor, NodeStore store, BackgroundBudget budget) {
    return create(nodeId, partition, hintFor, store, budget, Limits.defaults(), Duration.ZERO);
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
      NodeStore store,
      BackgroundBudget budget,
      Limits limits,
      Duration unsafePersistDelay) {
    return Behaviors.setup(
        ctx ->
            new PartitionReplica(
                ctx, nodeId, partition, hintFor, store, budget, limits, unsafePersistDelay));
  }

  /** Fault injection only: persist events whose write was acknowledged earlier. */
  private record PersistLater(List<Event> events) implements Command {}

  /** A key's object as held here: absent objects are empty and created in the current epoch. */
  private record Held(DvvSet object, long createdIn, boolean present) {}

  private final ActorContext<Command> context;
  private final String nodeId;
  private final int partition;
  private final String hintFor;
  private final NodeStore store;
  private final byte[] prefix;
  private final String persistenceId;
  private final BackgroundBudget budget;
  private final Limits limits;
  private final Duration unsafePersistDelay;
  private final ClockPruning pruning = ClockPruning.DEFAULT;
  // The Merkle tree of the objects held, built from the store when anti-entropy first asks
  // for it, then kept up to date by every change (an O(1) XOR each).
  private TicTacTree tree;

  private PartitionReplica(
      ActorContext<Command> context,
      String nodeId,
      int partition,
      String hintFor,
      NodeStore store,
      BackgroundBudget budget,
      Limits limits,
      Duration unsafePersistDelay) {
    super(
        persistenceId(partition, hintFor),
        SupervisorStrategy.restartWithBackoff(Duration.ofMillis(200), Duration.ofSeconds(5), 0.2));
    this.context = context;
    this.nodeId = nodeId;
    this.partition = partition;
    this.hintFor = hintFor;
    this.store = store;
    this.persistenceId = persistenceId(partition, hintFor).id();
    this.prefix = prefixOf(persistenceId);
    this.budget = budget;
    this.limits = limits;
    this.unsafePersistDelay = unsafePersistDelay;
    if (!unsafePersistDelay.isZero()) {
      context.getLog().warn("UNSAFE: partition {} acknowledges writes {} before persisting them", partition, unsafePersistDelay);
    }
  }

  /**
   * The state the store holds: every event wrote it with its effect, so nothing is replayed.
   *
   * <p>The writer is kept only across a clean restart: after a crash of the node, or a restart
   * of this actor within the node (a failed persist), a coordinated write may have handed its
   * new dot to other replicas before persisting it here (see {@link Coordinate}); reusing the
   * writer could issue that dot again for another value. The copy then picks a new writer at
   * its next coordinated write (Riak changes a vnode's id after an unclean shutdown the same
   * way); its keys gain one clock entry, which pruning bounds.
   */
  @Override
  public ReplicaState emptyState() {
    ReplicaState stored = ReplicaState.decode(store.record(stateRecord(persistenceId)));
    if (stored.writerBase() != null && !store.firstCleanStart(persistenceId)) {
      return stored.withWriterBase(null);
    }
    return stored;
  }

  @Override
  public Recovery recovery() {
    return Recovery.disabled();
  }

  private Held held(ReplicaState state, Key key) {
    NodeStore.StoredObject stored = store.object(prefix, key);
    if (stored == null) {
      return new Held(DvvSet.empty(), state.epoch(), false);
    }
    return new Held(decode(key, stored), stored.createdIn(), true);
  }

  /** The stored object, or an exception naming the replica and the key (a damaged store). */
  private DvvSet decode(Key key, NodeStore.StoredObject stored) {
    try {
      return ObjectCodec.decode(stored.encoded());
    } catch (IllegalStateException e) {
      throw new IllegalStateException(persistenceId + ", key " + key + ": " + e.getMessage(), e);
    }
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
        .onCommand(ListTombstones.class, this::onListTombstones)
        .build();
  }

  private ReplyEffect<Event, ReplicaState> onCoordinate(ReplicaState state, Coordinate cmd) {
    ReplicaState writing = state.writerBase() == null ? state.withWriterBase(newWriterBase()) : state;
    Held current = held(state, cmd.key());
    String writer = writing.writerFor(current.createdIn());
    DvvSet updated =
        current.object().update(
            current.object().admissibleContext(cmd.context(), MAX_CLOCK_ENTRIES), cmd.value(), writer);
    if (cmd.lastWriterWins()) {
      updated = updated.lastWriterWins();
    }
    updated = pruning.prune(updated, writer, System.currentTimeMillis());
    try {
      limits.checkObject(updated.sizeBytes(), updated.size());
    } catch (InvalidInputException e) {
      return Effect().reply(cmd.replyTo(), new TooLarge(nodeId, cmd.key(), e.detail()));
    }
    ObjectStored event = storedEvent(writing, cmd.key(), current, updated);
    Stored reply = new Stored(nodeId, cmd.key(), updated);
    if (cmd.computedTo() != null) {
      // Sent before the persist completes. Should it never complete (the node crashes, the
      // journal fails), this copy restarts with a new writer (see emptyState), so the dot
      // handed out here is never issued again for another value.
      cmd.computedTo().tell(new Computed(nodeId, cmd.key(), updated));
    }
    if (!unsafePersistDelay.isZero()) {
      context.scheduleOnce(unsafePersistDelay, context.getSelf(), new PersistLater(List.of(event)));
      return Effect().reply(cmd.replyTo(), reply);
    }
    long started = System.nanoTime();
    DvvSet after = updated;
    return Effect()
        .persist(event)
        .thenRun(s -> updateTree(cmd.key(), current, after))
        .thenReply(
            cmd.replyTo(),
            s -> {
              budget.recordForeground(System.nanoTime() - started);
              return reply;
            });
  }

  private ObjectStored storedEvent(ReplicaState state, Key key, Held current, DvvSet updated) {
    ReplicaState after =
        state.stored(current.present() ? current.object().sizeBytes() : -1, updated.sizeBytes());
    return new ObjectStored(
        key, updated, current.createdIn(), current.present() && current.object().allDeleted(), after);
  }

  private void updateTree(Key key, Held before, DvvSet after) {
    if (tree != null) {
      tree.update(key, before.present() ? before.object() : null, after);
    }
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
    Held current = held(state, cmd.key());
    DvvSet merged = current.object().merge(cmd.object());
    if (cmd.lastWriterWins()) {
      merged = merged.lastWriterWins();
    }
    merged = pruning.prune(merged, state.writerFor(current.createdIn()), System.currentTimeMillis());
    Replicated ack = new Replicated(nodeId, cmd.key());
    if (merged.equals(current.object())) {
      // Nothing new: already durable here, acknowledge without a write.
      return cmd.replyTo() == null ? Effect().noReply() : Effect().reply(cmd.replyTo(), ack);
    }
    ObjectStored event = storedEvent(state, cmd.key(), current, merged);
    if (!unsafePersistDelay.isZero()) {
      context.scheduleOnce(unsafePersistDelay, context.getSelf(), new PersistLater(List.of(event)));
      return cmd.replyTo() == null ? Effect().noReply() : Effect().reply(cmd.replyTo(), ack);
    }
    DvvSet after = merged;
    if (cmd.replyTo() == null) {
      return Effect().persist(event).thenRun(s -> updateTree(cmd.key(), current, after)).thenNoReply();
    }
    long started = System.nanoTime();
    return Effect()
        .persist(event)
        .thenRun(s -> updateTree(cmd.key(), current, after))
        .thenReply(
            cmd.replyTo(),
            s -> {
              budget.recordForeground(System.nanoTime() - started);
              return ack;
            });
  }

  private ReplyEffect<Event, ReplicaState> onRead(ReplicaState state, Read cmd) {
    return Effect().reply(cmd.replyTo(), new ReadResult(nodeId, cmd.key(), held(state, cmd.key()).object()));
  }

  private ReplyEffect<Event, ReplicaState> onGetStats(ReplicaState state, GetStats cmd) {
    return Effect()
        .reply(cmd.replyTo(), new Stats(partition, hintFor, (int) state.objects(), state.bytes()));
  }

  private ReplyEffect<Event, ReplicaState> onTakeBatch(ReplicaState state, TakeBatch cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>(Math.min(cmd.max(), 1024));
    store.scan(
        prefix,
        cmd.after(),
        (key, stored) -> {
          if (entries.size() >= cmd.max()) {
            return false;
          }
          entries.add(new ReplicaSnapshot.Entry(key, decode(key, stored)));
          return true;
        });
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }

  private ReplyEffect<Event, ReplicaState> onDropIfUnchanged(
      ReplicaState state, DropIfUnchanged cmd) {
    List<Key> unchanged = new ArrayList<>();
    List<Held> before = new ArrayList<>();
    long droppedBytes = 0;
    for (ReplicaSnapshot.Entry e : cmd.entries()) {
      Held current = held(state, e.key());
      if (current.present() && current.object().equals(e.object()) && !unchanged.contains(e.key())) {
        unchanged.add(e.key());
        before.add(current);
        droppedBytes += current.object().sizeBytes();
      }
    }
    if (unchanged.isEmpty()) {
      return Effect().reply(cmd.replyTo(), new Dropped((int) state.objects()));
    }
    return Effect()
        .persist(new ObjectsDropped(unchanged, state.dropped(unchanged.size(), droppedBytes)))
        .thenRun(
            s -> {
              for (int i = 0; i < unchanged.size(); i++) {
                if (tree != null) {
                  tree.update(unchanged.get(i), before.get(i).object(), null);
                }
              }
            })
        .thenReply(cmd.replyTo(), s -> new Dropped((int) s.objects()));
  }

  private ReplyEffect<Event, ReplicaState> onRetire(ReplicaState state, Retire cmd) {
    long lastSeq = lastSequenceNumber(context);
    if (state.objects() > 0 || store.hasObjects(prefix)) {
      return Effect().reply(cmd.replyTo(), new Retired(false, persistenceId, lastSeq));
    }
    return Effect().stop().thenReply(cmd.replyTo(), s -> new Retired(true, persistenceId, lastSeq));
  }

  @Override
  public EventHandler<ReplicaState, Event> eventHandler() {
    return newEventHandlerBuilder()
        .forAnyState()
        .onAnyEvent((ReplicaState state, Event event) -> event.after());
  }

  private TicTacTree tree() {
    if (tree == null) {
      TicTacTree built = new TicTacTree(TicTacTree.DEFAULT_SEGMENTS);
      store.scan(
          prefix,
          null,
          (key, stored) -> {
            built.update(key, null, decode(key, stored));
            return true;
          });
      tree = built;
    }
    return tree;
  }

  private ReplyEffect<Event, ReplicaState> onGetTree(ReplicaState state, GetTree cmd) {
    TicTacTree t = tree();
    return Effect().reply(cmd.replyTo(), new TreeSummary(partition, t.root(), t.segments()));
  }

  private ReplyEffect<Event, ReplicaState> onGetKeyHashes(ReplicaState state, GetKeyHashes cmd) {
    Set<Integer> wanted = new HashSet<>(cmd.segments());
    List<KeyHash> hashes = new ArrayList<>();
    store.scan(
        prefix,
        null,
        (key, stored) -> {
          if (wanted.contains(TicTacTree.segmentOf(key, TicTacTree.DEFAULT_SEGMENTS))) {
            hashes.add(new KeyHash(key, VersionHash.of(key, decode(key, stored))));
          }
          return true;
        });
    return Effect().reply(cmd.replyTo(), new KeyHashes(hashes));
  }

  private ReplyEffect<Event, ReplicaState> onListTombstones(ReplicaState state, ListTombstones cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>();
    store.scanTombstones(
        prefix,
        (key, deletedAt) -> {
          if (entries.size() >= cmd.max()) {
            return false;
          }
          if (deletedAt < cmd.deletedBeforeMillis()) {
            NodeStore.StoredObject stored = store.object(prefix, key);
            DvvSet object = stored == null ? null : decode(key, stored);
            if (object != null
                && object.allDeleted()
                && object.values().stream().allMatch(v -> v.lastModified() < cmd.deletedBeforeMillis())) {
              entries.add(new ReplicaSnapshot.Entry(key, object));
            }
          }
          return true;
        });
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }

  /**
   * The objects of the keys asked for, in order, as many as fit one object's cap together (at
   * least one): the batch crosses the network whole, and remoting drops a message larger than
   * its frame. An anti-entropy exchange repairs the keys answered; the rest still differ and
   * come up again in the next one.
   */
  private ReplyEffect<Event, ReplicaState> onGetObjects(ReplicaState state, GetObjects cmd) {
    List<ReplicaSnapshot.Entry> entries = new ArrayList<>(cmd.keys().size());
    long bytes = 0;
    for (Key key : cmd.keys()) {
      DvvSet object = held(state, key).object();
      bytes += object.sizeBytes();
      if (!entries.isEmpty() && bytes > limits.maxObjectBytes()) {
        break;
      }
      entries.add(new ReplicaSnapshot.Entry(key, object));
    }
    return Effect().reply(cmd.replyTo(), new Batch(entries));
  }
}
