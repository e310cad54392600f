package io.dynakv.node.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.dynakv.core.quorum.GetQuorum;
import io.dynakv.core.quorum.Progress;
import io.dynakv.core.quorum.ReadRepair;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Target;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.metrics.QuorumMetrics;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.replica.ReadReply;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * One get: ask every target, answer with the merge after R replies, then keep listening a
 * bounded while for the rest and repair each replica that was missing something.
 *
 * <p>A target that answers {@link ReplicaHost.NotMine} (it retired its replica after a ring
 * change this coordinator has not heard of yet) is no replica: it counts as a failure, and
 * the next spare of the extended preference list is asked in its place, hinted with the
 * primary it stands in for — as a put's stand-in would be.
 */
public final class GetCoordinator extends AbstractBehavior<GetCoordinator.Command> {

  interface Command {}

  private record Reply(ReadReply reply) implements Command {}

  private enum Deadline implements Command {
    INSTANCE
  }

  /** No spares: a target that does not hold the partition is simply a failure. */
  public static Behavior<Command> create(
      GetRequest request,
      PreferenceList preferenceList,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      Duration readRepairWait,
      QuorumMetrics metrics) {
    return create(request, preferenceList, List.of(), hosts, readRepairWait, metrics);
  }

  /**
   * @param spares reachable nodes further along the extended preference list than the
   *     targets, in walk order: asked in place of a target that answers NotMine
   */
  public static Behavior<Command> create(
      GetRequest request,
      PreferenceList preferenceList,
      List<String> spares,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      Duration readRepairWait,
      QuorumMetrics metrics) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new GetCoordinator(
                            ctx,
                            timers,
                            request,
                            preferenceList,
                            spares,
                            hosts,
                            readRepairWait,
                            metrics)
                        .start()));
  }

  private final TimerScheduler<Command> timers;
  private final GetRequest request;
  private final PreferenceList preferenceList;
  private final Deque<String> spares;
  // Every node asked, with the target it was asked as (a spare carries a hint).
  private final Map<String, Target> asked = new HashMap<>();
  private int notMine;
  private ActorRef<ReadReply> adapter;
  private final Function<String, ActorRef<ReplicaHost.Command>> hosts;
  private final Duration readRepairWait;
  private final GetQuorum quorum;
  private final QuorumMetrics metrics;
  private boolean answered;

  private GetCoordinator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      GetRequest request,
      PreferenceList preferenceList,
      List<String> spares,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      Duration readRepairWait,
      QuorumMetrics metrics) {
    super(context);
    this.metrics = metrics;
    this.timers = timers;
    this.request = request;
    this.preferenceList = preferenceList;
    this.spares = new ArrayDeque<>(spares);
    this.hosts = hosts;
    this.readRepairWait = readRepairWait;
    this.quorum = new GetQuorum(preferenceList.nodes(), request.r());
  }

  private Behavior<Command> start() {
    if (quorum.progress() == Progress.FAILED) {
      return fail("only " + preferenceList.targets().size() + " replicas are reachable");
    }
    timers.startSingleTimer(Deadline.INSTANCE, request.timeout());
    adapter = getContext().messageAdapter(ReadReply.class, Reply::new);
    for (Target target : preferenceList.targets()) {
      ask(target);
    }
    return this;
  }

  private void ask(Target target) {
    asked.put(target.node(), target);
    hosts
        .apply(target.node())
        .tell(
            new ReplicaHost.Read(
                preferenceList.partition(), target.hintFor(), request.key(), request.n(), adapter));
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reply.class, this::onReply)
        .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
        .build();
  }

  private Behavior<Command> onReply(Reply msg) {
    Progress progress;
    if (msg.reply() instanceof PartitionReplica.ReadResult result) {
      metrics.getAck();
      progress = quorum.reply(result.node(), result.object());
    } else {
      progress = failOver(((ReplicaHost.NotMine) msg.reply()).node());
    }
    if (!answered && progress == Progress.FAILED) {
      return fail(notMine + " of the nodes asked hold no replica of partition " + preferenceList.partition());
    }
    if (!answered && progress == Progress.SUCCEEDED) {
      answer();
      timers.startSingleTimer(Deadline.INSTANCE, readRepairWait);
    }
    if (answered && quorum.allResponded()) {
      return repairAndStop();
    }
    return this;
  }

  /** Ask the next spare in place of a node that does not hold the partition. */
  private Progress failOver(String node) {
    Target refused = asked.get(node);
    if (refused == null) {
      return quorum.progress();
    }
    notMine++;
    String standIn = spares.poll();
    Progress progress = quorum.failOver(node, standIn);
    if (standIn != null) {
      String primary = refused.primary() ? refused.node() : refused.hintFor();
      ask(new Target(standIn, false, primary));
    }
    return progress;
  }

  private Behavior<Command> onDeadline() {
    if (!answered) {
      return fail("the deadline of " + request.timeout().toMillis() + " ms passed");
    }
    return repairAndStop();
  }

  private void answer() {
    answered = true;
    DvvSet merged = merged();
    KvResponse response =
        merged.isEmpty() || merged.allDeleted()
            ? new KvResponse.NotFound(request.key(), merged.context())
            : new KvResponse.Found(request.key(), merged);
    request.replyTo().tell(response);
  }

  private DvvSet merged() {
    DvvSet merged = quorum.merged();
    return request.lastWriterWins() ? merged.lastWriterWins() : merged;
  }

  private Behavior<Command> repairAndStop() {
    DvvSet merged = merged();
    Set<String> stale = ReadRepair.staleReplicas(quorum.repliesByNode(), merged);
    metrics.readRepairs(stale.size());
    for (String node : stale) {
      Target target = asked.get(node);
      hosts
          .apply(node)
          .tell(
              new ReplicaHost.Replicate(
                  preferenceList.partition(),
                  target.hintFor(),
                  request.key(),
                  merged,
                  request.lastWriterWins(),
                  null));
    }
    if (!stale.isEmpty()) {
      getContext().getLog().debug("read repair of {} on {}", request.key(), stale);
    }
    return Behaviors.stopped();
  }

  private Behavior<Command> fail(String why) {
    request
        .replyTo()
        .tell(new KvResponse.Unavailable("quorum not met", quorum.replies(), quorum.required(), why));
    return Behaviors.stopped();
  }
}
