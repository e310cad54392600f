package io.dynakv.core.ring;

import java.util.Set;
import java.util.TreeSet;

/**
 * Which node ids may enter the ring. Connecting to the cluster is not enough: an id enters
 * only once an operator admitted it, because it is in the ring already (admitted earlier),
 * listed in the configuration ({@code dynakv.cluster.admitted-nodes}), or admitted at runtime
 * ({@link #with}). Immutable.
 *
 * <p>Bootstrap: the first ring holds the connected ids that are listed or admitted; with an
 * empty list, the claimant's own node (and any admitted at runtime) — so a fresh cluster
 * always has a first member, and nothing else joins without an operator's say.
 */
public record NodeAdmission(Set<String> listed, Set<String> admittedAtRuntime) {

    public NodeAdmission {
        listed = Set.copyOf(listed);
        admittedAtRuntime = Set.copyOf(admittedAtRuntime);
    }

    public static NodeAdmission listing(Iterable<String> nodes) {
        Set<String> listed = new TreeSet<>();
        nodes.forEach(listed::add);
        return new NodeAdmission(listed, Set.of());
    }

    /** The same admission with {@code node} admitted by an operator now. */
    public NodeAdmission with(String node) {
        Set<String> admitted = new TreeSet<>(admittedAtRuntime);
        admitted.add(node);
        return new NodeAdmission(listed, admitted);
    }

    /** Whether {@code node} may be in the next ring ({@code ring} may be null: none yet). */
    public boolean admits(String node, Ring ring) {
        return (ring != null && ring.isMember(node)) || listed.contains(node) || admittedAtRuntime.contains(node);
    }

    /**
     * The members of a fresh cluster's first ring, among the {@code connected} node ids: the
     * admitted ones; with an empty list, {@code self} too. Sorted; may be empty (then no ring
     * is made yet).
     */
    public Set<String> firstMembers(Set<String> connected, String self) {
        Set<String> members = new TreeSet<>();
        for (String node : connected) {
            if (admits(node, null) || (listed.isEmpty() && node.equals(self))) {
                members.add(node);
            }
        }
        return members;
    }

    /** The {@code connected} ids that are no member of {@code ring} and wait for admission. */
    public Set<String> waiting(Set<String> connected, Ring ring) {
        Set<String> waiting = new TreeSet<>();
        for (String node : connected) {
            if (!admits(node, ring)) {
                waiting.add(node);
            }
        }
        return waiting;
    }
}
