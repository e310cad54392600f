package io.dynakv.node.cluster;

import akka.actor.typed.ActorSystem;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import java.util.Optional;

/**
 * Whether this node is a member of its cluster right now, for readiness. A node serves HTTP
 * from its stored ring as soon as it starts, before it has joined: until then the other nodes
 * cannot reach it (and may still count its previous incarnation as reachable), so a rolling
 * restart that moved on at that point would take a second node out.
 */
public final class SelfMembership {

  private SelfMembership() {}

  /** Empty when this node is Up, WeaklyUp or Leaving; otherwise why it is not a member. */
  public static Optional<String> notMemberReason(ActorSystem<?> system) {
    MemberStatus status = Cluster.get(system).selfMember().status();
    if (status == MemberStatus.up()
        || status == MemberStatus.weaklyUp()
        || status == MemberStatus.leaving()) {
      return Optional.empty();
    }
    if (status == MemberStatus.joining()) {
      return Optional.of("joining the cluster: the leader has not moved this node to Up yet");
    }
    if (status == MemberStatus.removed()) {
      return Optional.of(
          "not a member of the cluster: it has not joined yet (it contacts"
              + " akka.cluster.seed-nodes) or it has left");
    }
    return Optional.of("leaving the cluster (member status " + status + ")");
  }
}
