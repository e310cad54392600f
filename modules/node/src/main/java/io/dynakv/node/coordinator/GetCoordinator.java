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
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;

/**
 * One get: ask every target, answer with the merge after R replies, then keep listening a
 * bounded while for the rest and repair each replica that was missing something.
 */
public final class GetCoordinator extends AbstractBehavior<GetCoordinator.Command> {

  interface Command {}

  private record Reply(PartitionReplica.ReadResult result) implements Command {}

  private enum Deadline implements Command {
    INSTANCE
  }

  public static Behavior<Command> create(
      GetRequest request,
      PreferenceList preferenceList,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      Duration readRepairWait) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers ->
                    new GetCoordinator(ctx, timers, request, preferenceList, hosts, readRepairWait)
                        .start()));
  }

  private final TimerScheduler<Command> timers;
  private final GetRequest request;
  private final PreferenceList preferenceList;
  private final Function<String, ActorRef<ReplicaHost.Command>> hosts;
  private final Duration readRepairWait;
  private final GetQuorum quorum;
  private boolean answered;

  private GetCoordinator(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      GetRequest request,
      PreferenceList preferenceList,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      Duration readRepairWait) {
    super(context);
    this.timers = timers;
    this.request = request;
    this.preferenceList = preferenceList;
    this.hosts = hosts;
    this.readRepairWait = readRepairWait;
    this.quorum = new GetQuorum(preferenceList.nodes(), request.r());
  }

  private Behavior<Command> start() {
    if (quorum.progress() == Progress.FAILED) {
      return fail("only " + preferenceList.targets().size() + " replicas are reachable");
    }
    timers.startSingleTimer(Deadline.INSTANCE, request.timeout());
    ActorRef<PartitionReplica.ReadResult> adapter =
        getContext().messageAdapter(PartitionReplica.ReadResult.class, Reply::new);
    for (Target target : preferenceList.targets()) {
      hosts
          .apply(target.node())
          .tell(
              new ReplicaHost.Read(
                  preferenceList.partition(), target.hintFor(), request.key(), adapter));
    }
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Reply.class, this::onReply)
        .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
        .build();
  }

  private Behavior<Command> onReply(Reply msg) {
    Progress progress = quorum.reply(msg.result().node(), msg.result().object());
    if (!answered && progress == Progress.SUCCEEDED) {
      answer();
      timers.startSingleTimer(Deadline.INSTANCE, readRepairWait);
    }
    if (answered && quorum.allResponded()) {
      return repairAndStop();
    }
    return this;
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
    for (String node : stale) {
      Target target = preferenceList.targetFor(node).orElseThrow();
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
