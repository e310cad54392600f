package io.dynakv.node.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.ActorContext;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import akka.cluster.typed.Subscribe;
import io.dynakv.node.NodeSettings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Which ring members are reachable right now, from Akka Cluster's point of view, and at
 * which address. A member's ring identity is its node id, carried in its cluster role, not
 * its address or incarnation. Mutable: lives inside one actor.
 */
public final class ClusterView {

  private static final String ROLE_PREFIX = NodeSettings.roleFor("");

  private final String selfNode;
  private final Map<String, Member> members = new HashMap<>();
  private final Set<Address> unreachable = new HashSet<>();

  public ClusterView(String selfNode) {
    this.selfNode = selfNode;
  }

  public boolean isReachable(String node) {
    if (node.equals(selfNode)) {
      return true;
    }
    Member m = members.get(node);
    return m != null
        && (m.status() == MemberStatus.up() || m.status() == MemberStatus.weaklyUp())
        && !unreachable.contains(m.address());
  }

  /** Subscribes {@code context}'s actor to membership and reachability events, wrapped. */
  public static <T> void subscribe(
      ActorContext<T> context, Function<ClusterEvent.ClusterDomainEvent, T> wrap) {
    Cluster.get(context.getSystem())
        .subscriptions()
        .tell(
            Subscribe.create(
                context.messageAdapter(ClusterEvent.ClusterDomainEvent.class, wrap::apply),
                ClusterEvent.ClusterDomainEvent.class));
  }

  /**
   * The top-level actor {@code name} on a member, by path without a uid, so it reaches
   * whichever incarnation of the node is there now. Empty while the node's address is unknown.
   */
  public <T> Optional<ActorRef<T>> actorOn(ActorRefResolver resolver, String node, String name) {
    return addressOf(node).map(address -> resolver.<T>resolveActorRef(address + "/user/" + name));
  }

  public Optional<Address> addressOf(String node) {
    return Optional.ofNullable(members.get(node)).map(Member::address);
  }

  public void apply(Object event) {
    if (event instanceof ClusterEvent.CurrentClusterState state) {
      members.clear();
      unreachable.clear();
      state.getMembers().forEach(this::put);
      state.getUnreachable().forEach(m -> unreachable.add(m.address()));
    } else if (event instanceof ClusterEvent.MemberRemoved removed) {
      nodeIdOf(removed.member())
          .filter(
              id -> {
                Member known = members.get(id);
                return known != null && known.uniqueAddress().equals(removed.member().uniqueAddress());
              })
          .ifPresent(members::remove);
      unreachable.remove(removed.member().address());
    } else if (event instanceof ClusterEvent.MemberEvent e) {
      put(e.member());
    } else if (event instanceof ClusterEvent.UnreachableMember e) {
      unreachable.add(e.member().address());
    } else if (event instanceof ClusterEvent.ReachableMember e) {
      unreachable.remove(e.member().address());
    }
  }

  /** Node ids of the members that are up (or weakly up) and reachable now. */
  public Set<String> reachableNodes() {
    Set<String> nodes = new HashSet<>();
    members.keySet().stream().filter(this::isReachable).forEach(nodes::add);
    nodes.add(selfNode);
    return nodes;
  }

  private void put(Member member) {
    nodeIdOf(member)
        .ifPresent(
            id -> {
              Member known = members.get(id);
              // A restarted node comes back as a new incarnation; the newest one wins.
              if (known == null
                  || known.uniqueAddress().equals(member.uniqueAddress())
                  || known.status() == MemberStatus.down()
                  || known.status() == MemberStatus.removed()
                  || known.status() == MemberStatus.exiting()
                  || member.upNumber() >= known.upNumber()) {
                members.put(id, member);
              }
            });
  }

  public static Optional<String> nodeIdOf(Member member) {
    for (String role : member.getRoles()) {
      if (role.startsWith(ROLE_PREFIX)) {
        return Optional.of(role.substring(ROLE_PREFIX.length()));
      }
    }
    return Optional.empty();
  }
}
