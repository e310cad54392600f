package io.dynakv.node.replica;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import java.time.Duration;
import java.util.List;

/**
 * Asks every hosted replica for its stats and sums them into one {@link
 * ReplicaHost.HostStatus}. A replica still recovering answers once recovered, so an answer
 * also means "every hosted replica is loaded". No answer within the deadline: no reply, and
 * the caller's own ask times out.
 */
final class StatusQuery extends AbstractBehavior<StatusQuery.Command> {

  interface Command {}

  private record WrappedStats(PartitionReplica.Stats stats) implements Command {}

  private enum Deadline implements Command {
    INSTANCE
  }

  static Behavior<Command> create(
      String nodeId,
      List<ActorRef<PartitionReplica.Command>> replicas,
      ActorRef<ReplicaHost.HostStatus> replyTo,
      Duration timeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startSingleTimer(Deadline.INSTANCE, timeout);
                  return new StatusQuery(ctx, nodeId, replicas, replyTo).maybeDone();
                }));
  }

  private final String nodeId;
  private final int expected;
  private final ActorRef<ReplicaHost.HostStatus> replyTo;
  private int received;
  private int owned;
  private int fallback;
  private long objects;
  private long hinted;
  private long bytes;

  private StatusQuery(
      ActorContext<Command> context,
      String nodeId,
      List<ActorRef<PartitionReplica.Command>> replicas,
      ActorRef<ReplicaHost.HostStatus> replyTo) {
    super(context);
    this.nodeId = nodeId;
    this.expected = replicas.size();
    this.replyTo = replyTo;
    ActorRef<PartitionReplica.Stats> adapter =
        context.messageAdapter(PartitionReplica.Stats.class, WrappedStats::new);
    replicas.forEach(r -> r.tell(new PartitionReplica.GetStats(adapter)));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(WrappedStats.class, this::onStats)
        .onMessageEquals(Deadline.INSTANCE, Behaviors::stopped)
        .build();
  }

  Behavior<Command> maybeDone() {
    if (received < expected) {
      return this;
    }
    replyTo.tell(new ReplicaHost.HostStatus(nodeId, owned, fallback, objects, hinted, bytes));
    return Behaviors.stopped();
  }

  private Behavior<Command> onStats(WrappedStats msg) {
    PartitionReplica.Stats s = msg.stats();
    received++;
    if (s.hintFor() == null) {
      owned++;
    } else {
      fallback++;
      hinted += s.objects();
    }
    objects += s.objects();
    bytes += s.bytes();
    return maybeDone();
  }
}
