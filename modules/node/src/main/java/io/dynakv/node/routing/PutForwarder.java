package io.dynakv.node.routing;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.actor.typed.javadsl.TimerScheduler;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.coordinator.PutRequest;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

/**
 * Hands a put to a node of its preference list when this node is not on it, so that exactly
 * one node coordinates it. Each attempt has its own forward id: the receiving router holds the
 * put and answers {@link RequestRouter.Accepted}; the first acceptance of the current attempt
 * that arrives within {@code acceptTimeout} gets the one {@link RequestRouter.Go}, after which
 * this forwarder never tries another node. A node that does not accept in time (dead, but not
 * yet detected as such) is passed over for the next one, and its late acceptance, of an
 * attempt given up, gets no {@code Go}: it never coordinates. The coordinator's answer goes back
 * to the client from here.
 */
final class PutForwarder extends AbstractBehavior<PutForwarder.Command> {

  interface Command {}

  private record Accepted(RequestRouter.Accepted accepted) implements Command {}

  private record Answered(KvResponse response) implements Command {}

  private enum AcceptTimeout implements Command {
    INSTANCE
  }

  private enum AnswerTimeout implements Command {
    INSTANCE
  }

  static Behavior<Command> create(
      PutRequest request, List<ActorRef<RequestRouter.Command>> routers, Duration acceptTimeout) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> new PutForwarder(ctx, timers, request, routers, acceptTimeout).next()));
  }

  private final TimerScheduler<Command> timers;
  private final PutRequest request;
  private final List<ActorRef<RequestRouter.Command>> routers;
  private final Duration acceptTimeout;
  private final ActorRef<RequestRouter.Accepted> acceptedAdapter;
  private final ActorRef<KvResponse> answerAdapter;
  private final String forwardIds = UUID.randomUUID().toString();
  private int attempt;
  private boolean committed; // a Go was sent: no other node may be tried

  private PutForwarder(
      ActorContext<Command> context,
      TimerScheduler<Command> timers,
      PutRequest request,
      List<ActorRef<RequestRouter.Command>> routers,
      Duration acceptTimeout) {
    super(context);
    this.timers = timers;
    this.request = request;
    this.routers = routers;
    this.acceptTimeout = acceptTimeout;
    this.acceptedAdapter = context.messageAdapter(RequestRouter.Accepted.class, Accepted::new);
    this.answerAdapter = context.messageAdapter(KvResponse.class, Answered::new);
  }

  private String currentForwardId() {
    return forwardIds + "/" + attempt;
  }

  private Behavior<Command> next() {
    if (committed) {
      return this;
    }
    if (attempt >= routers.size()) {
      request
          .replyTo()
          .tell(
              new KvResponse.Unavailable(
                  "quorum not met", 0, request.w(), "no node of the preference list took the write"));
      return Behaviors.stopped();
    }
    attempt++;
    PutRequest forwarded =
        new PutRequest(
            request.key(),
            request.context(),
            request.value(),
            request.n(),
            request.w(),
            request.lastWriterWins(),
            request.timeout(),
            answerAdapter);
    routers
        .get(attempt - 1)
        .tell(new RequestRouter.RoutePut(forwarded, 1, currentForwardId(), acceptedAdapter));
    timers.startSingleTimer(AcceptTimeout.INSTANCE, acceptTimeout);
    return this;
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Accepted.class, this::onAccepted)
        .onMessage(Answered.class, this::onAnswered)
        .onMessageEquals(AcceptTimeout.INSTANCE, this::next)
        .onMessageEquals(AnswerTimeout.INSTANCE, this::onAnswerTimeout)
        .build();
  }

  private Behavior<Command> onAccepted(Accepted msg) {
    if (committed || !msg.accepted().forwardId().equals(currentForwardId())) {
      // An attempt already given up: that node holds the put until it expires, never runs it.
      return this;
    }
    committed = true;
    timers.cancel(AcceptTimeout.INSTANCE);
    routers.get(attempt - 1).tell(new RequestRouter.Go(msg.accepted().forwardId()));
    // The coordinator answers by its own deadline; allow for the network on top.
    timers.startSingleTimer(AnswerTimeout.INSTANCE, request.timeout().plus(acceptTimeout));
    return this;
  }

  private Behavior<Command> onAnswered(Answered msg) {
    request.replyTo().tell(msg.response());
    return Behaviors.stopped();
  }

  private Behavior<Command> onAnswerTimeout() {
    request
        .replyTo()
        .tell(
            new KvResponse.Unavailable(
                "quorum not met", 0, request.w(), "the coordinating node stopped answering; the write may exist"));
    return Behaviors.stopped();
  }
}
