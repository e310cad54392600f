package io.dynakv.node.ring;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.ClusterEvent;
import io.dynakv.core.ring.Claim;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.cluster.ClusterView;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster singleton that decides ring ownership. It keeps no state of its own: every
 * node's {@link RingManager} persists the rings it adopts and reports its ring here on a
 * timer, so a claimant that starts on another node (the oldest one died or left) learns the
 * newest ring from the reports before it changes anything.
 *
 * <p>A node id seen for the first time joins the ring once membership has been quiet for the
 * settle time (so nodes started together get one ring, not one per arrival). A stopped or
 * crashed node stays in the ring; only an explicit {@link Leave} removes one (its data then
 * moves by ownership handoff). The set of leaving nodes lives in this actor only: should the
 * singleton move while a node is still handing off, the node may be added back, and the
 * leave has to be asked again.
 */
public final class Claimant extends AbstractBehavior<Claimant.Command> {

  public interface Command extends CborSerializable {}

  /** A node's ring (null: it has none yet), and where to send newer ones. */
  public record Report(String node, Ring ring, ActorRef<RingManager.Command> manager)
      implements Command {}

  /** Decommission a node: the next ring leaves it out; its data moves by ownership handoff. */
  public record Leave(String node, ActorRef<Answer> replyTo) implements Command {}

  /** (Re-)admit a node to the ring, e.g. one that left earlier. */
  public record Join(String node, ActorRef<Answer> replyTo) implements Command {}

  public record Answer(boolean accepted, String detail) implements CborSerializable {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private static final Duration TICK = Duration.ofMillis(500);

  public static Behavior<Command> create(
      String selfNode, int partitions, int targetN, Duration settle) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
                  return new Claimant(ctx, selfNode, partitions, targetN, settle);
                }));
  }

  private final int partitions;
  private final int targetN;
  private final long settleTicks;
  private final ClusterView cluster;
  private final Map<String, ActorRef<RingManager.Command>> managers = new HashMap<>();
  private final Set<String> reported = new TreeSet<>();
  // Nodes asked to leave: not added back while they are still up handing off.
  private final Set<String> leaving = new TreeSet<>();
  private Ring ring;
  private long quietTicks;

  private Claimant(
      ActorContext<Command> context, String selfNode, int partitions, int targetN, Duration settle) {
    super(context);
    this.partitions = partitions;
    this.targetN = targetN;
    this.settleTicks = Math.max(1, settle.toMillis() / TICK.toMillis());
    this.cluster = new ClusterView(selfNode);
    ClusterView.subscribe(context, MembershipChanged::new);
    context.getLog().info("claimant started on {}", selfNode);
  }

  @Override
  public Receive<Command> createReceive() {
    return newReceiveBuilder()
        .onMessage(Report.class, this::onReport)
        .onMessage(Leave.class, this::onLeave)
        .onMessage(Join.class, this::onJoin)
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onReport(Report msg) {
    managers.put(msg.node(), msg.manager());
    reported.add(msg.node());
    if (msg.ring() != null && (ring == null || msg.ring().epoch() > ring.epoch())) {
      ring = msg.ring();
    } else if (ring != null && (msg.ring() == null || msg.ring().epoch() < ring.epoch())) {
      msg.manager().tell(new RingManager.Publish(ring));
    }
    return this;
  }

  private Behavior<Command> onLeave(Leave msg) {
    if (ring == null || !ring.isMember(msg.node())) {
      msg.replyTo().tell(new Answer(false, msg.node() + " is not a member of the ring"));
      return this;
    }
    if (ring.members().size() == 1) {
      msg.replyTo().tell(new Answer(false, "the last member of the ring cannot leave"));
      return this;
    }
    leaving.add(msg.node());
    Set<String> members = new TreeSet<>(ring.members());
    members.remove(msg.node());
    publish(Claim.claim(ring, members, partitions, targetN));
    msg.replyTo().tell(new Answer(true, msg.node() + " is leaving: its partitions move to the other nodes"));
    return this;
  }

  private Behavior<Command> onJoin(Join msg) {
    leaving.remove(msg.node());
    quietTicks = settleTicks; // the next tick adds it if it is up
    msg.replyTo().tell(new Answer(true, msg.node() + " joins the ring once it is up"));
    return this;
  }

  private void publish(Ring next) {
    if (ring == null || next.epoch() > ring.epoch()) {
      getContext().getLog().info("claimed ring epoch {} for members {}", next.epoch(), next.members());
      ring = next;
      managers.values().forEach(m -> m.tell(new RingManager.Publish(next)));
    }
  }

  private Behavior<Command> onMembershipChanged(MembershipChanged msg) {
    cluster.apply(msg.event());
    if (msg.event() instanceof ClusterEvent.MemberEvent) {
      quietTicks = 0;
    }
    return this;
  }

  private Behavior<Command> onTick() {
    quietTicks++;
    Set<String> up = cluster.reachableNodes();
    // Wait for quiet membership, and for a report from every member, so a persisted newer
    // ring on some node is heard of before a new one is made.
    if (quietTicks < settleTicks || !reported.containsAll(up)) {
      return this;
    }
    Set<String> members = new TreeSet<>(up);
    members.removeAll(leaving);
    if (ring != null) {
      members.addAll(ring.members());
      if (members.size() == ring.members().size()) {
        return this;
      }
    }
    publish(Claim.claim(ring, members, partitions, targetN));
    return this;
  }
}
