package io.dynakv.node.handoff;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.dynakv.core.Key;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.replica.ReplicaSnapshot;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Moves one replica's objects to the nodes that should hold them — a fallback's hints to
 * their primary, or, after an ownership change, a replica this node no longer should hold to
 * the partition's current primaries: a batch at a time, each object merged into every
 * target's replica (which persists before it acks); only after every ack of a batch does the
 * source drop those objects, and only those unchanged since they were read. Throttled to the
 * configured objects per second, scaled by the {@link BackgroundBudget}. Stops when the source
 * is empty (complete) or an ack does not come in time (the next round retries).
 *
 * <p>In copy mode (a ring in transition: the source keeps serving until the ring settles) it
 * lists the source's keys once and sends each of them, dropping nothing.
 */
final class ReplicaTransfer extends AbstractBehavior<ReplicaTransfer.Command> {

  interface Command {}

  private record GotBatch(PartitionReplica.Batch batch) implements Command {}

  private record Acked(PartitionReplica.Replicated ack) implements Command {}

  private record GotDropped(PartitionReplica.Dropped dropped) implements Command {}


  private enum NextBatch implements Command {
    INSTANCE
  }

  private enum AckTimeout implements Command {
    INSTANCE
  }

  /** What the parent hears: progress after each batch, and the end. */
  sealed interface Outcome permits Sent, Finished {}

  /** A batch of {@code objects} reached every target. */
  record Sent(int objects) implements Outcome {}

  /** Told to the parent when the transfer ends. */
  record Finished(int partition, String hintFor, boolean copy, boolean complete, long moved)
      implements Outcome {}

  private record Delivery(String node, Key key) {}

  static Behavior<Command> create(
      ReplicaHost.HostedReplica source,
      Map<String, ActorRef<ReplicaHost.Command>> targets,
      boolean copy,
      NodeSettings.HandoffSettings settings,
      BackgroundBudget budget,
      ActorRef<Outcome> parent) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new ReplicaTransfer(ctx, timers, source, targets, copy, settings, budget, parent)
                        .start()));
  }

  private final TimerScheduler<Command> timers;
  private final ReplicaHost.HostedReplica fallback;
  private final Map<String, ActorRef<ReplicaHost.Command>> targets;
  private final boolean copy;
  private final NodeSettings.HandoffSettings settings;
  private final BackgroundBudget budget;
  private final ActorRef<Outcome> parent;
  private final ActorRef<PartitionReplica.Batch> batchAdapter;
  private final ActorRef<PartitionReplica.Replicated> ackAdapter;
  private final ActorRef<PartitionReplica.Dropped> droppedAdapter;
  private List<ReplicaSnapshot.Entry> inFlight = List.of();
  /** A copy's position: the last key of the previous batch (null before the first). */
  private Key copiedUpTo;
  private final Set<Delivery> awaiting = new HashSet<>();
  private long batchStartedNanos;
  private long moved;

  private ReplicaTransfer(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      ReplicaHost.HostedReplica source,
      Map<String, ActorRef<ReplicaHost.Command>> targets,
      boolean copy,
      NodeSettings.HandoffSettings settings,
      BackgroundBudget budget,
      ActorRef<Outcome> parent) {
    super(context);
    this.timers = timers;
    this.fallback = source;
    this.targets = Map.copyOf(targets);
    this.copy = copy;
    this.settings = settings;
    this.budget = budget;
    this.parent = parent;
    this.batchAdapter = context.messageAdapter(PartitionReplica.Batch.class, GotBatch::new);
    this.ackAdapter = context.messageAdapter(PartitionReplica.Replicated.class, Acked::new);
    this.droppedAdapter = context.messageAdapter(PartitionReplica.Dropped.class, GotDropped::new);
  }

  private Behavior<Command> start() {
    requestBatch();
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(GotBatch.class, this::onBatch)
        .onMessage(Acked.class, this::onAcked)
        .onMessage(GotDropped.class, this::onDropped)
        .onMessageEquals(NextBatch.INSTANCE, this::onNextBatch)
        .onMessageEquals(AckTimeout.INSTANCE, this::onAckTimeout)
        .build();
  }

  private void requestBatch() {
    batchStartedNanos = System.nanoTime();
    // A copy pages through the partition in key order (never the whole key list at once);
    // a handoff drops each batch once delivered, so it always takes from the start.
    Key after = copy ? copiedUpTo : null;
    fallback.replica().tell(new PartitionReplica.TakeBatch(settings.batchSize(), after, batchAdapter));
  }

  private Behavior<Command> onBatch(GotBatch msg) {
    List<ReplicaSnapshot.Entry> entries = msg.batch().entries();
    if (entries.isEmpty()) {
      return finish(true);
    }
    if (copy) {
      copiedUpTo = entries.get(entries.size() - 1).key();
    }
    inFlight = entries.stream().filter(e -> !e.object().isEmpty()).toList();
    if (inFlight.isEmpty()) {
      if (copy) {
        requestBatch(); // nothing but empty objects in this page: on to the next
        return this;
      }
      return finish(true);
    }
    awaiting.clear();
    for (ReplicaSnapshot.Entry e : inFlight) {
      targets.forEach(
          (node, host) -> {
            awaiting.add(new Delivery(node, e.key()));
            host.tell(
                new ReplicaHost.Replicate(fallback.partition(), null, e.key(), e.object(), false, ackAdapter));
          });
    }
    timers.startSingleTimer(AckTimeout.INSTANCE, settings.ackTimeout());
    return this;
  }

  private Behavior<Command> onAcked(Acked msg) {
    if (awaiting.remove(new Delivery(msg.ack().node(), msg.ack().key())) && awaiting.isEmpty()) {
      timers.cancel(AckTimeout.INSTANCE);
      if (copy) {
        moved += inFlight.size();
        parent.tell(new Sent(inFlight.size()));
        scheduleNextBatch();
      } else {
        fallback.replica().tell(new PartitionReplica.DropIfUnchanged(inFlight, droppedAdapter));
      }
    }
    return this;
  }

  private Behavior<Command> onDropped(GotDropped msg) {
    moved += inFlight.size();
    parent.tell(new Sent(inFlight.size()));
    if (msg.dropped().remaining() == 0) {
      return finish(true);
    }
    scheduleNextBatch();
    return this;
  }

  /**
   * Throttle: a batch of B objects may start every B / rate seconds, the rate being the
   * configured one scaled down while foreground latency is high.
   */
  private void scheduleNextBatch() {
    double rate = Math.max(1.0, settings.maxObjectsPerSecond() * budget.share());
    long budgetNanos = (long) (1_000_000_000L * inFlight.size() / rate);
    long spent = System.nanoTime() - batchStartedNanos;
    timers.startSingleTimer(NextBatch.INSTANCE, Duration.ofNanos(Math.max(0, budgetNanos - spent)));
  }

  private Behavior<Command> onNextBatch() {
    requestBatch();
    return this;
  }

  private Behavior<Command> onAckTimeout() {
    getContext().getLog().info(
        "handoff of partition {} to {}: {} acks missing, retrying later",
        fallback.partition(), targets.keySet(), awaiting.size());
    return finish(false);
  }

  private Behavior<Command> finish(boolean complete) {
    parent.tell(new Finished(fallback.partition(), fallback.hintFor(), copy, complete, moved));
    return Behaviors.stopped();
  }
}
