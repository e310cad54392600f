package io.dynakv.node.metrics;

import akka.actor.typed.ActorSystem;
import akka.cluster.ClusterEvent;
import akka.cluster.Member;
import akka.cluster.MemberStatus;
import akka.cluster.typed.Cluster;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;

/**
 * Akka Cluster membership as this node sees it, read from the cluster's own state snapshot
 * (thread-safe, nothing is asked) at each scrape: members by status, and how many of them the
 * failure detector marks unreachable.
 */
final class ClusterGauges {

  private static final Map<String, MemberStatus> STATUSES =
      Map.of(
          "joining", MemberStatus.joining(),
          "weakly_up", MemberStatus.weaklyUp(),
          "up", MemberStatus.up(),
          "leaving", MemberStatus.leaving(),
          "exiting", MemberStatus.exiting(),
          "down", MemberStatus.down());

  private ClusterGauges() {}

  static void bind(MeterRegistry registry, ActorSystem<?> system) {
    Cluster cluster = Cluster.get(system);
    STATUSES.forEach(
        (label, status) ->
            Gauge.builder("dynakv.cluster.members", cluster, c -> count(c.state(), status))
                .description("Akka Cluster members by status, as this node sees them")
                .tag("status", label)
                .strongReference(true)
                .register(registry));
    Gauge.builder("dynakv.cluster.unreachable.members", cluster, c -> c.state().getUnreachable().size())
        .description("Akka Cluster members this node's failure detector marks unreachable")
        .strongReference(true)
        .register(registry);
  }

  private static int count(ClusterEvent.CurrentClusterState state, MemberStatus status) {
    int n = 0;
    for (Member m : state.getMembers()) {
      if (m.status().equals(status)) {
        n++;
      }
    }
    return n;
  }
}
