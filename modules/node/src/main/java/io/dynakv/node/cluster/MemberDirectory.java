package io.dynakv.node.cluster;

import akka.actor.Address;
import akka.actor.typed.ActorSystem;
import akka.cluster.Cluster;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The Akka Cluster members as this node sees them now, by node id: for operators
 * ({@code GET /v1/members}) and for forced removal, which downs a member by its address.
 * A snapshot of the cluster extension's state, read on the caller's thread.
 */
public final class MemberDirectory {

  /** One Akka member that carries a dynakv node id. */
  public record Entry(
      String node, Address address, String http, String status, boolean reachable, int upNumber) {

    /** Joining, WeaklyUp, Up or Leaving: a process that takes part in the cluster. */
    public boolean active() {
      return switch (status) {
        case "Joining", "WeaklyUp", "Up", "Leaving" -> true;
        default -> false;
      };
    }
  }

  private static final String HTTP_ROLE_PREFIX = "dynakv-http:";

  private final List<Entry> entries;

  private MemberDirectory(List<Entry> entries) {
    this.entries = List.copyOf(entries);
  }

  public static MemberDirectory of(ActorSystem<?> system) {
    ClusterEvent.CurrentClusterState state = Cluster.get(system.classicSystem()).state();
    Set<Address> unreachable = new HashSet<>();
    state.getUnreachable().forEach(m -> unreachable.add(m.address()));
    List<Entry> entries = new ArrayList<>();
    for (Member m : state.getMembers()) {
      ClusterView.nodeIdOf(m)
          .ifPresent(
              id ->
                  entries.add(
                      new Entry(
                          id,
                          m.address(),
                          httpOf(m),
                          statusName(m.status()),
                          !unreachable.contains(m.address()),
                          m.upNumber())));
    }
    return new MemberDirectory(entries);
  }

  /** Every member with a node id; a restarted node may briefly appear twice (old and new). */
  public List<Entry> entries() {
    return entries;
  }

  /** The newest incarnation of {@code node} (an active one before one that is down). */
  public Optional<Entry> find(String node) {
    Entry best = null;
    for (Entry e : entries) {
      if (e.node().equals(node)
          && (best == null || (e.active() && !best.active()) || (e.active() == best.active() && e.upNumber() > best.upNumber()))) {
        best = e;
      }
    }
    return Optional.ofNullable(best);
  }

  /** Marks the member at {@code address} down in Akka Cluster; it is then removed. */
  public static void down(ActorSystem<?> system, Address address) {
    Cluster.get(system.classicSystem()).down(address);
  }

  /** The HTTP base URL a member announces in its {@code dynakv-http:} role, or null. */
  static String httpOf(Member member) {
    for (String role : member.getRoles()) {
      if (role.startsWith(HTTP_ROLE_PREFIX)) {
        return role.substring(HTTP_ROLE_PREFIX.length());
      }
    }
    return null;
  }

  static String statusName(MemberStatus status) {
    if (status == MemberStatus.joining()) return "Joining";
    if (status == MemberStatus.weaklyUp()) return "WeaklyUp";
    if (status == MemberStatus.up()) return "Up";
    if (status == MemberStatus.leaving()) return "Leaving";
    if (status == MemberStatus.exiting()) return "Exiting";
    if (status == MemberStatus.down()) return "Down";
    if (status == MemberStatus.removed()) return "Removed";
    return status.toString();
  }
}
