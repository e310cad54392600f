package io.dynakv.node.ring;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AbstractBehavior;
import akka.actor.typed.javadsl.ActorContext;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.javadsl.Receive;
import akka.cluster.ClusterEvent;
import io.dynakv.core.ring.Claim;
import io.dynakv.core.ring.NodeAdmission;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.CborSerializable;
import io.dynakv.node.cluster.ClusterView;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The cluster singleton that decides ring ownership. It keeps no state of its own: every
 * node's {@link RingManager} persists the rings it adopts and reports its ring here on a
 * timer, so a claimant that starts on another node (the oldest one died or left) learns the
 * newest ring from the reports before it changes anything.
 *
 * <p>Ownership changes in two phases. A join or a leave makes a ring <em>in transition</em>:
 * the current owners keep serving while each partition's data is copied to its incoming
 * replicas (the nodes' {@code Handoff}s do that and report here when their part is done);
 * once every current member reported its transfers done for that epoch, the claimant publishes
 * the settled ring and the new owners take over. A change asked while a transition runs
 * re-targets it (a new epoch; transfers restart, merges make repeats harmless).
 *
 * <p>Connecting is not joining: a node id enters the ring only once admitted ({@link
 * NodeAdmission}). An id listed in {@code dynakv.cluster.admitted-nodes} (this node's list)
 * joins once membership has been quiet for the settle time (so nodes started together get one
 * ring, not one per arrival); an operator's {@link Admit} puts a connected id into the next
 * ring at once, so the ring itself records the admission and a claimant that moves keeps it.
 * A fresh cluster's first ring holds the connected listed ids, or with an empty list this
 * node alone. Any other connected id gets no partitions; it is logged once, with how to admit
 * it.
 *
 * <p>A stopped or crashed node stays in the ring; only an explicit {@link Leave}, or a {@link
 * Down} for a node gone for good, removes one. Leaving is recorded in the ring itself (a
 * member that is not a next member) and, once settled, by the node that left (its RingManager
 * reports it as departed), so neither a claimant moving nor a restart adds a departed node
 * back; only its own {@link RingManager.Rejoin} (which sends {@link Rejoin}) or an {@link
 * Admit} does.
 */
public final class Claimant extends AbstractBehavior<Claimant.Command> {

  public interface Command extends CborSerializable {}

  /**
   * A node's ring (null: it has none yet), whether it has left the ring, and where to send
   * newer rings.
   */
  public record Report(
      String node, Ring ring, boolean departed, ActorRef<RingManager.Command> manager)
      implements Command {}

  /** Decommission a node: the next ring leaves it out; its data moves to the others first. */
  public record Leave(String node, ActorRef<Answer> replyTo) implements Command {}

  /**
   * Forced removal of a node that is gone for good: the next ring leaves it out, the
   * transition does not wait for it, and its partitions are copied from the surviving
   * replicas. Refused while the node is reachable (use {@link Leave}). Answered once the
   * claimant has heard every reachable member's ring.
   */
  public record Down(String node, ActorRef<Answer> replyTo) implements Command {}

  /**
   * An operator admits {@code node}: a connected node id enters the next ring at once (its
   * partitions move to it). Refused while it is not connected, or while it is leaving.
   * Answered once the claimant has heard every reachable member's ring.
   */
  public record Admit(String node, ActorRef<Answer> replyTo) implements Command {}

  /**
   * {@code node} asks to be let (back) into the ring ({@link RingManager.Rejoin}, an operator's
   * call on that node). Granted like an {@link Admit} if it had left the ring ({@code
   * departed}) or is listed as admitted; a node that was never admitted cannot admit itself.
   */
  public record Rejoin(String node, boolean departed, ActorRef<Answer> replyTo) implements Command {}

  /** A node finished every transfer it is the source of for the ring at {@code epoch}. */
  public record TransfersDone(String node, long epoch) implements Command {}

  public record Answer(boolean accepted, String detail) implements CborSerializable {}

  private record MembershipChanged(ClusterEvent.ClusterDomainEvent event) implements Command {}

  private enum Tick implements Command {
    INSTANCE
  }

  private static final Duration TICK = Duration.ofMillis(500);

  public static Behavior<Command> create(
      String selfNode, int partitions, int targetN, Duration settle, NodeAdmission admission) {
    return Behaviors.setup(
        ctx ->
            Behaviors.withTimers(
                timers -> {
                  timers.startTimerWithFixedDelay(Tick.INSTANCE, TICK);
                  return new Claimant(ctx, selfNode, partitions, targetN, settle, admission);
                }));
  }

  private final int partitions;
  private final int targetN;
  private final long settleTicks;
  private final ClusterView cluster;
  private final Map<String, Report> reports = new HashMap<>();
  private final Map<String, Long> transfersDone = new HashMap<>();
  private final List<Down> pendingDowns = new ArrayList<>();
  private final List<Admit> pendingAdmits = new ArrayList<>();
  /** Connected ids already logged as waiting for admission. */
  private final Set<String> announced = new TreeSet<>();
  private final String selfNode;
  private NodeAdmission admission;
  private Ring ring;
  private long quietTicks;

  private Claimant(
      ActorContext<Command> context,
      String selfNode,
      int partitions,
      int targetN,
      Duration settle,
      NodeAdmission admission) {
    super(context);
    this.selfNode = selfNode;
    this.admission = admission;
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
        .onMessage(Down.class, this::onDown)
        .onMessage(Admit.class, this::onAdmit)
        .onMessage(Rejoin.class, this::onRejoin)
        .onMessage(TransfersDone.class, this::onTransfersDone)
        .onMessage(MembershipChanged.class, this::onMembershipChanged)
        .onMessageEquals(Tick.INSTANCE, this::onTick)
        .build();
  }

  private Behavior<Command> onReport(Report msg) {
    reports.put(msg.node(), msg);
    if (msg.ring() != null && (ring == null || msg.ring().epoch() > ring.epoch())) {
      ring = msg.ring();
    } else if (ring != null && (msg.ring() == null || msg.ring().epoch() < ring.epoch())) {
      msg.manager().tell(new RingManager.Publish(ring));
    }
    return this;
  }

  private Behavior<Command> onLeave(Leave msg) {
    if (ring == null || !ring.nextMembers().contains(msg.node())) {
      String why =
          ring != null && ring.isMember(msg.node())
              ? msg.node() + " is already leaving"
              : msg.node() + " is not a member of the ring";
      msg.replyTo().tell(new Answer(false, why));
      return this;
    }
    if (ring.nextMembers().size() == 1) {
      msg.replyTo().tell(new Answer(false, "the last member of the ring cannot leave"));
      return this;
    }
    Set<String> members = new TreeSet<>(ring.nextMembers());
    members.remove(msg.node());
    retarget(members);
    msg.replyTo()
        .tell(new Answer(true, msg.node() + " is leaving: its partitions move to the other nodes, then it stops"));
    return this;
  }

  private Behavior<Command> onDown(Down msg) {
    pendingDowns.add(msg);
    return this;
  }

  /** Decides the pending downs, once every reachable member's ring has been heard. */
  private void decideDowns() {
    for (Down msg : List.copyOf(pendingDowns)) {
      pendingDowns.remove(msg);
      msg.replyTo().tell(down(msg.node()));
    }
  }

  private Answer down(String node) {
    if (ring == null || !ring.isMember(node)) {
      return new Answer(false, node + " is not a member of the ring");
    }
    if (cluster.isReachable(node)) {
      return new Answer(false, node + " is reachable: use leave to decommission it with its data");
    }
    if (ring.isDown(node)) {
      return new Answer(true, node + " is already down: its partitions are being rebuilt from the other replicas");
    }
    Set<String> members = new TreeSet<>(ring.nextMembers());
    members.remove(node);
    if (members.isEmpty()) {
      return new Answer(false, "the last member of the ring cannot be removed");
    }
    if (!members.equals(new TreeSet<>(ring.nextMembers()))) {
      retarget(members);
    }
    if (ring.members().contains(node) && !ring.nextMembers().contains(node)) {
      publish(ring.withDown(node));
    }
    getContext().getLog().warn("{} declared down for good: the ring moves on without it", node);
    return new Answer(
        true, node + " is down: the ring moves on without it, its partitions are rebuilt from the other replicas");
  }

  private Behavior<Command> onAdmit(Admit msg) {
    pendingAdmits.add(msg);
    return this;
  }

  private Behavior<Command> onRejoin(Rejoin msg) {
    if (msg.departed() || admission.admits(msg.node(), ring)) {
      pendingAdmits.add(new Admit(msg.node(), msg.replyTo()));
    } else {
      msg.replyTo().tell(new Answer(false, msg.node() + " has not been admitted: " + howToAdmit(msg.node())));
    }
    return this;
  }

  private static String howToAdmit(String node) {
    return "admit it with `dynakv join "
        + node
        + "` (POST /v1/cluster/admit/"
        + node
        + " to any node), or list it in dynakv.cluster.admitted-nodes";
  }

  /** Decides the pending admissions, once every reachable member's ring has been heard. */
  private void decideAdmits() {
    for (Admit msg : List.copyOf(pendingAdmits)) {
      pendingAdmits.remove(msg);
      msg.replyTo().tell(admit(msg.node()));
    }
  }

  private Answer admit(String node) {
    if (ring != null && ring.nextMembers().contains(node)) {
      return new Answer(true, node + " is already in the ring");
    }
    if (ring != null && ring.isMember(node)) {
      return new Answer(false, node + " is leaving the ring: admit it again once it has left");
    }
    if (!cluster.isReachable(node) || !reports.containsKey(node)) {
      return new Answer(
          false,
          node
              + " is not connected to the cluster: start it (with this cluster's seed nodes) first,"
              + " then admit it, or list it in dynakv.cluster.admitted-nodes");
    }
    if (ring == null) {
      // Until the first ring records it, only this claimant knows of the admission.
      admission = admission.with(node);
      getContext().getLog().info("{} admitted by an operator: it will be in the first ring", node);
      return new Answer(true, node + " is admitted: it will be a member of the first ring");
    }
    getContext().getLog().info("{} admitted by an operator: it joins the ring", node);
    Set<String> members = new TreeSet<>(ring.nextMembers());
    members.add(node);
    retarget(members);
    return new Answer(true, node + " is admitted and joins the ring: partitions move to it, then it serves them");
  }

  private Behavior<Command> onTransfersDone(TransfersDone msg) {
    transfersDone.merge(msg.node(), msg.epoch(), Math::max);
    return this;
  }

  private void retarget(Set<String> members) {
    Ring target = ring.target();
    Ring next = Claim.claim(target, members, partitions, targetN);
    if (next.epoch() > target.epoch()) {
      publish(ring.towards(next));
    }
  }

  private void publish(Ring next) {
    if (ring != null && next.epoch() <= ring.epoch()) {
      return;
    }
    if (next.inTransition()) {
      getContext()
          .getLog()
          .info(
              "ring epoch {}: moving from {} to {}, {} partitions change owner",
              next.epoch(), next.members(), next.nextMembers(), next.movingPartitions().size());
    } else {
      getContext().getLog().info("ring epoch {} settled: members {}", next.epoch(), next.members());
    }
    ring = next;
    reports.values().forEach(r -> r.manager().tell(new RingManager.Publish(next)));
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
    if (!reports.keySet().containsAll(up)) {
      return this;
    }
    if (!pendingDowns.isEmpty()) {
      decideDowns();
    }
    if (!pendingAdmits.isEmpty()) {
      decideAdmits();
    }
    if (ring != null) {
      announceWaiting(up);
    }
    if (quietTicks < settleTicks) {
      return this;
    }
    if (ring == null) {
      Set<String> members = new TreeSet<>();
      for (String node : admission.firstMembers(up, selfNode)) {
        if (!reports.get(node).departed()) {
          members.add(node);
        }
      }
      if (!members.isEmpty()) {
        publish(Claim.claim(null, members, partitions, targetN));
      }
      return this;
    }
    Set<String> members = new TreeSet<>(ring.nextMembers());
    for (String node : up) {
      if (joins(node) && admission.admits(node, ring)) {
        members.add(node);
      }
    }
    if (!members.equals(new TreeSet<>(ring.nextMembers()))) {
      retarget(members);
    } else if (ring.inTransition() && transfersAllDone()) {
      publish(ring.settled());
    }
    return this;
  }

  /** Logs, once per id, each connected node that waits for admission and how to admit it. */
  private void announceWaiting(Set<String> up) {
    for (String node : admission.waiting(up, ring)) {
      Report report = reports.get(node);
      if (report != null && !report.departed() && announced.add(node)) {
        getContext()
            .getLog()
            .warn("{} is connected but not admitted: it gets no partitions until an operator admits it; {}",
                node, howToAdmit(node));
      }
    }
  }

  /**
   * A node that is no member (not even a leaving one) joins once it reports a ring at least as
   * new as ours without having departed — a stale report could predate its leave.
   */
  private boolean joins(String node) {
    if (ring.isMember(node)) {
      return false;
    }
    Report report = reports.get(node);
    return report != null
        && !report.departed()
        && report.ring() != null
        && report.ring().epoch() >= ring.epoch();
  }

  /**
   * Every current member (the possible sources) finished its transfers for this epoch, but
   * those declared down: their partitions come from the survivors.
   */
  private boolean transfersAllDone() {
    for (String member : ring.members()) {
      if (!ring.isDown(member) && transfersDone.getOrDefault(member, -1L) < ring.epoch()) {
        return false;
      }
    }
    return true;
  }
}
