package io.dynakv.core.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What a ring in transition has to move before it can settle: for each partition whose
 * replica set changes, the nodes that will hold it and do not yet (incoming), and the one node
 * that sends them its copy (the source). The source is the first current replica that is
 * leaving the partition's replica set — it holds the data and will drop it after the switch —
 * or, when none is leaving (the cluster grows past N), the partition's current first primary.
 * A replica set that loses a node declared down ({@link Ring#down()}) cannot count on that
 * node: each surviving current replica sends its copy (several moves for that partition), so
 * the incoming replicas get everything any survivor acknowledged. Every node computes the
 * same transfers from the same ring.
 */
public final class Transfers {

    /** One partition's move: {@code source} copies it to every node of {@code incoming}. */
    public record Move(int partition, String source, List<String> incoming) {
        public Move {
            incoming = List.copyOf(incoming);
        }
    }

    private Transfers() {}

    /** The moves, ascending by partition (a partition with a down replica has one per survivor); empty for a settled ring. */
    public static List<Move> of(Ring ring, int n) {
        if (!ring.inTransition()) {
            return List.of();
        }
        Ring now = ring.current();
        Ring next = ring.target();
        List<Move> moves = new ArrayList<>();
        for (int p = 0; p < ring.partitions(); p++) {
            List<String> before = PreferenceList.primaries(now, p, n).nodes();
            List<String> after = PreferenceList.primaries(next, p, n).nodes();
            List<String> incoming = new ArrayList<>(after);
            incoming.removeAll(before);
            if (incoming.isEmpty()) {
                continue;
            }
            List<String> survivors = new ArrayList<>(before);
            survivors.removeAll(ring.down());
            if (survivors.size() < before.size()) {
                for (String survivor : survivors) {
                    moves.add(new Move(p, survivor, incoming));
                }
                continue;
            }
            String source = before.get(0);
            for (String node : before) {
                if (!after.contains(node)) {
                    source = node;
                    break;
                }
            }
            moves.add(new Move(p, source, incoming));
        }
        return Collections.unmodifiableList(moves);
    }

    /** Whether {@code node} should hold partition p's data now or after the transition. */
    public static boolean holds(Ring ring, int partition, int n, String node) {
        return PreferenceList.primaries(ring.current(), partition, n).contains(node)
                || PreferenceList.primaries(ring.target(), partition, n).contains(node);
    }

    /** The nodes that will hold partition p and do not yet: they also get every write. */
    public static List<String> incoming(Ring ring, int partition, int n) {
        if (!ring.inTransition()) {
            return List.of();
        }
        List<String> incoming =
                new ArrayList<>(PreferenceList.primaries(ring.target(), partition, n).nodes());
        incoming.removeAll(PreferenceList.primaries(ring.current(), partition, n).nodes());
        return List.copyOf(incoming);
    }
}
