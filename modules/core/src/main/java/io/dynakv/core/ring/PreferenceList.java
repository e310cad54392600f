package io.dynakv.core.ring;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The replicas of a key's partition: walk the ring clockwise from the partition, taking each
 * owner not taken yet. The first N nodes are the primaries; the rest of the walk is where
 * fallbacks come from when primaries are unreachable (sloppy quorum).
 */
public record PreferenceList(int partition, List<Target> targets) {

    public PreferenceList {
        targets = List.copyOf(targets);
    }

    /** Every distinct owner, clockwise from {@code partition}: the extended preference list. */
    public static List<String> walk(Ring ring, int partition) {
        Set<String> seen = new LinkedHashSet<>();
        int q = ring.partitions();
        for (int i = 0; i < q && seen.size() < ring.members().size(); i++) {
            seen.add(ring.owner((partition + i) % q));
        }
        return List.copyOf(seen);
    }

    public static PreferenceList primaries(Ring ring, int partition, int n) {
        List<String> walk = walk(ring, partition);
        List<Target> targets = new ArrayList<>();
        for (String node : walk.subList(0, Math.min(n, walk.size()))) {
            targets.add(new Target(node, true, null));
        }
        return new PreferenceList(partition, targets);
    }

    /**
     * The first N reachable nodes: reachable primaries as themselves, and for each unreachable
     * primary, in order, the next reachable node beyond the primaries, hinted with it.
     */
    public static PreferenceList sloppy(
            Ring ring, int partition, int n, Predicate<String> reachable) {
        List<String> walk = walk(ring, partition);
        int primaries = Math.min(n, walk.size());
        List<String> spares = new ArrayList<>();
        for (String node : walk.subList(primaries, walk.size())) {
            if (reachable.test(node)) {
                spares.add(node);
            }
        }
        List<String> chosenPrimaries = new ArrayList<>();
        List<String> standIns = new ArrayList<>();
        List<String> hints = new ArrayList<>();
        int nextSpare = 0;
        for (String primary : walk.subList(0, primaries)) {
            if (reachable.test(primary)) {
                chosenPrimaries.add(primary);
            } else if (nextSpare < spares.size()) {
                standIns.add(spares.get(nextSpare++));
                hints.add(primary);
            }
        }
        // Keep walk order: primaries first (they come first in the walk), then stand-ins.
        List<Target> targets = new ArrayList<>();
        for (String node : chosenPrimaries) {
            targets.add(new Target(node, true, null));
        }
        for (int i = 0; i < standIns.size(); i++) {
            targets.add(new Target(standIns.get(i), false, hints.get(i)));
        }
        return new PreferenceList(partition, targets);
    }

    public List<String> nodes() {
        return targets.stream().map(Target::node).toList();
    }

    public boolean contains(String node) {
        return targets.stream().anyMatch(t -> t.node().equals(node));
    }

    public Optional<Target> targetFor(String node) {
        return targets.stream().filter(t -> t.node().equals(node)).findFirst();
    }
}
