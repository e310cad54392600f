package io.dynakv.http;

import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorSystem;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.Behaviors;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.ring.RingManager;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The epoch of the ring this node holds, kept current by a subscription to its ring manager,
 * for the {@code X-Ring-Epoch} header of every answer: a client that routes by the ring
 * (client-driven coordination) learns from it that its copy is stale, without polling.
 */
final class RingEpoch {

  static final String HEADER = "X-Ring-Epoch";

  private final AtomicLong epoch = new AtomicLong(-1);

  private RingEpoch() {}

  static RingEpoch watch(ActorSystem<?> system, ActorRef<RingManager.Command> ringManager) {
    RingEpoch held = new RingEpoch();
    ActorRef<Ring> watcher =
        system.systemActorOf(
            Behaviors.receiveMessage(
                ring -> {
                  held.epoch.accumulateAndGet(ring.epoch(), Math::max);
                  return Behaviors.same();
                }),
            "http-ring-epoch-" + UUID.randomUUID(),
            Props.empty());
    ringManager.tell(new RingManager.Subscribe(watcher));
    return held;
  }

  /** The epoch, or -1 before the node knows a ring. */
  long current() {
    return epoch.get();
  }
}
