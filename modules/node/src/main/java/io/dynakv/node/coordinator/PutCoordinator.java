package io.dynakv.node.coordinator;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import io.dynakv.core.quorum.Progress;
import io.dynakv.core.quorum.PutQuorum;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Target;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.metrics.QuorumMetrics;
import io.dynakv.node.replica.PartitionReplica;
import io.dynakv.node.replica.ReplicaHost;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * One put, from the coordinating replica's write to the client's answer: apply the update
 * locally (this node's id becomes the new version's dot), send the result to the other
 * targets as soon as the local replica has computed it (while it persists it), answer after W
 * acknowledgements or fail when the deadline passes first. The local replica's ack counts once
 * its write is durable. The counting itself is {@link PutQuorum}'s.
 *
 * <p>After answering it keeps listening until every target acked or the deadline passed.
 * A target still silent then (a node that died before the failure detector noticed) gets a
 * stand-in: the object goes, hinted with that target's primary, to the next reachable node
 * of the extended preference list — so the write still reaches N nodes and finds its way
 * home by hinted handoff.
 *
 * <p>While the ring is in transition the object also goes to the partition's incoming
 * replicas; their acks are not counted (they do not serve reads yet).
 */
public final class PutCoordinator extends AbstractBehavior<PutCoordinator.Command> {

  interface Command {}

  private record LocalStored(PartitionReplica.Coordinated reply) implements Command {}

  private record LocalComputed(PartitionReplica.Computed computed) implements Command {}

  private record RemoteAck(PartitionReplica.Replicated ack) implements Command {}

  private enum Deadline implements Command {
    INSTANCE
  }

  public static Behavior<Command> create(
      PutRequest request,
      PreferenceList preferenceList,
      List<String> spares,
      List<String> incoming,
      String selfNode,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      QuorumMetrics metrics) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startSingleTimer(Deadline.INSTANCE, request.timeout());
                  return new PutCoordinator(
                          ctx, request, preferenceList, spares, incoming, selfNode, hosts, metrics)
                      .start();
                }));
  }

  private final PutRequest request;
  private final PreferenceList preferenceList;
  private final List<String> spares;
  private final List<String> incoming;
  private final Set<String> acked = new HashSet<>();
  private boolean answered;
  private final String selfNode;
  private final Function<String, ActorRef<ReplicaHost.Command>> hosts;
  private final PutQuorum quorum;
  private final QuorumMetrics metrics;
  private DvvSet stored; // the coordinating replica's result, once it is durable
  private DvvSet computedObject; // the same, as soon as computed (sent to the other targets)

  private PutCoordinator(
      ActorContext<Command> context,
      PutRequest request,
      PreferenceList preferenceList,
      List<String> spares,
      List<String> incoming,
      String selfNode,
      Function<String, ActorRef<ReplicaHost.Command>> hosts,
      QuorumMetrics metrics) {
    super(context);
    this.metrics = metrics;
    this.request = request;
    this.preferenceList = preferenceList;
    this.spares = spares;
    this.incoming = incoming;
    this.selfNode = selfNode;
    this.hosts = hosts;
    this.quorum = new PutQuorum(preferenceList.nodes(), request.w());
  }

  private Behavior<Command> start() {
    if (quorum.progress() == Progress.FAILED) {
      return fail("only " + preferenceList.targets().size() + " replicas are reachable");
    }
    Target self =
        preferenceList
            .targetFor(selfNode)
            .orElseThrow(() -> new IllegalStateException("coordinator not in preference list"));
    ActorRef<PartitionReplica.Coordinated> adapter =
        getContext().messageAdapter(PartitionReplica.Coordinated.class, LocalStored::new);
    ActorRef<PartitionReplica.Computed> computed =
        getContext().messageAdapter(PartitionReplica.Computed.class, LocalComputed::new);
    hosts
        .apply(selfNode)
        .tell(
            new ReplicaHost.Coordinate(
                preferenceList.partition(),
                self.hintFor(),
                request.key(),
                request.context(),
                request.value(),
                request.lastWriterWins(),
                adapter,
                computed));
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(LocalComputed.class, this::onLocalComputed)
        .onMessage(LocalStored.class, this::onLocalStored)
        .onMessage(RemoteAck.class, this::onRemoteAck)
        .onMessageEquals(Deadline.INSTANCE, this::onDeadline)
        .build();
  }

  /**
   * The coordinating replica computed the new object (its dot is fixed) and is persisting it:
   * send it to the other targets now, so their commits run alongside ours.
   */
  private Behavior<Command> onLocalComputed(LocalComputed msg) {
    if (computedObject == null) {
      computedObject = msg.computed().object();
      fanOut(computedObject);
    }
    return this;
  }

  /**
   * The coordinating replica's write is durable: its own ack. Or it refused the write (the
   * object would outgrow its cap): nothing was stored or sent anywhere, the caller hears why.
   */
  private Behavior<Command> onLocalStored(LocalStored msg) {
    if (msg.reply() instanceof PartitionReplica.TooLarge tooLarge) {
      request.replyTo().tell(new KvResponse.Rejected("value", tooLarge.detail(), true));
      return Behaviors.stopped();
    }
    DvvSet object = ((PartitionReplica.Stored) msg.reply()).object();
    if (computedObject == null) {
      computedObject = object;
      fanOut(object);
    }
    acked.add(selfNode);
    metrics.putAck();
    return decide(quorum.ack(selfNode), object);
  }

  private void fanOut(DvvSet object) {
    ActorRef<PartitionReplica.Replicated> adapter =
        getContext().messageAdapter(PartitionReplica.Replicated.class, RemoteAck::new);
    for (Target target : preferenceList.targets()) {
      if (target.hintFor() != null) {
        metrics.hintedWrite();
      }
      if (!target.node().equals(selfNode)) {
        hosts
            .apply(target.node())
            .tell(
                new ReplicaHost.Replicate(
                    preferenceList.partition(),
                    target.hintFor(),
                    request.key(),
                    object,
                    request.lastWriterWins(),
                    adapter));
      }
    }
    for (String node : incoming) {
      hosts
          .apply(node)
          .tell(
              new ReplicaHost.Replicate(
                  preferenceList.partition(), null, request.key(), object, request.lastWriterWins(), null));
    }
  }

  private Behavior<Command> decide(Progress progress, DvvSet object) {
    if (object != null) {
      stored = object;
    }
    // The W acks may all be remote ones, before the local write is durable: the object is
    // known from the moment it was computed.
    DvvSet result = stored != null ? stored : computedObject;
    if (!answered && progress == Progress.SUCCEEDED && result != null) {
      answered = true;
      request.replyTo().tell(KvResponse.written(request.key(), result));
    }
    if (answered && acked.size() == preferenceList.targets().size()) {
      return Behaviors.stopped();
    }
    return this;
  }

  private Behavior<Command> onRemoteAck(RemoteAck msg) {
    acked.add(msg.ack().node());
    metrics.putAck();
    return decide(quorum.ack(msg.ack().node()), null);
  }

  private Behavior<Command> onDeadline() {
    if (!answered) {
      return fail("the deadline of " + request.timeout().toMillis() + " ms passed");
    }
    standInForSilentTargets();
    return Behaviors.stopped();
  }

  private void standInForSilentTargets() {
    int nextSpare = 0;
    for (Target target : preferenceList.targets()) {
      if (acked.contains(target.node()) || nextSpare >= spares.size()) {
        continue;
      }
      String standIn = spares.get(nextSpare++);
      metrics.hintedWrite();
      String primary = target.primary() ? target.node() : target.hintFor();
      getContext().getLog().debug("{} silent: hinting {} on {}", target.node(), request.key(), standIn);
      hosts
          .apply(standIn)
          .tell(
              new ReplicaHost.Replicate(
                  preferenceList.partition(),
                  primary,
                  request.key(),
                  stored != null ? stored : computedObject,
                  request.lastWriterWins(),
                  null));
    }
  }

  private Behavior<Command> fail(String why) {
    request
        .replyTo()
        .tell(
            new KvResponse.Unavailable(
                "quorum not met",
                quorum.acks(),
                quorum.required(),
                why + "; the write may exist on the replicas that acknowledged it"));
    return Behaviors.stopped();
  }
}
