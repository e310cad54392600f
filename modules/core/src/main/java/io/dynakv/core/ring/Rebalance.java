package io.dynakv.core.ring;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The incremental half of a claim: reach balance with the fewest possible moves (the
 * partitions of leaving members, plus each member's surplus over its share, and nothing
 * else), choosing where they go so that no window gains a repeated owner if that can be
 * avoided.
 */
final class Rebalance {

    private final Layout layout;
    private final int[] share;
    private final int smallerShare;
    /** Larger shares not yet given to anyone. */
    private int spareLargerShares;

    private Rebalance(Layout layout) {
        this.layout = layout;
        this.share = new int[layout.members()];
        this.smallerShare = layout.partitions() / layout.members();
        this.spareLargerShares = layout.partitions() % layout.members();
        Arrays.fill(share, smallerShare);
    }

    /** Rebalances {@code layout} in place; partitions owned by {@link Layout#NONE} must move. */
    static void minimalMoves(Layout layout) {
        Rebalance rebalance = new Rebalance(layout);
        rebalance.giveLargerSharesToLargestOwners();
        rebalance.placeOrphans();
        rebalance.giveRemainingLargerShares();
        rebalance.moveSurplus();
    }

    /**
     * A member above the smaller share that does not get a larger one must give partitions
     * away, so the larger shares go to the largest owners first. Members at or below the
     * smaller share gain the same number of moves whichever of them takes a larger share, so
     * that choice is left to where the orphaned partitions fit best.
     */
    private void giveLargerSharesToLargestOwners() {
        Integer[] byCount = IntStream.range(0, layout.members()).boxed().toArray(Integer[]::new);
        Arrays.sort(byCount, Comparator.comparingInt((Integer m) -> -layout.count(m))
                .thenComparingInt(m -> m));
        for (int m : byCount) {
            if (spareLargerShares > 0 && layout.count(m) > smallerShare) {
                share[m]++;
                spareLargerShares--;
            }
        }
    }

    private boolean mayTakeLargerShare(int member) {
        return spareLargerShares > 0 && share[member] == smallerShare
                && layout.count(member) <= smallerShare;
    }

    private int room(int member) {
        return share[member] - layout.count(member) + (mayTakeLargerShare(member) ? 1 : 0);
    }

    private void take(int partition, int member) {
        if (layout.count(member) >= share[member]) {
            share[member]++;
            spareLargerShares--;
        }
        layout.assign(partition, member);
    }

    /**
     * Gives the leavers' partitions to members with room, as many as possible without a
     * conflict: a maximum flow from partitions (grouped by which members fit them) to
     * members, capped by each member's room, with the spare larger shares as a shared pool.
     * The rest go, hardest first, wherever they conflict least.
     */
    private void placeOrphans() {
        Map<BitSet, List<Integer>> byFit = new LinkedHashMap<>();
        List<Integer> orphans = new ArrayList<>();
        for (int p = 0; p < layout.partitions(); p++) {
            if (layout.owner(p) == Layout.NONE) {
                orphans.add(p);
                byFit.computeIfAbsent(cleanTakers(p), k -> new ArrayList<>()).add(p);
            }
        }
        if (orphans.isEmpty()) {
            return;
        }
        int members = layout.members();
        int source = 0;
        int sink = 1;
        int pool = 2;
        int firstMember = 3;
        int firstGroup = firstMember + members;
        Flow flow = new Flow(firstGroup + byFit.size());
        int[] toPool = new int[members];
        for (int m = 0; m < members; m++) {
            flow.edge(firstMember + m, sink, Math.max(0, share[m] - layout.count(m)));
            toPool[m] = flow.edge(firstMember + m, pool, mayTakeLargerShare(m) ? 1 : 0);
        }
        flow.edge(pool, sink, spareLargerShares);
        List<List<Integer>> groups = new ArrayList<>(byFit.values());
        List<int[]> groupEdges = new ArrayList<>();
        int g = 0;
        for (Map.Entry<BitSet, List<Integer>> group : byFit.entrySet()) {
            int vertex = firstGroup + g++;
            flow.edge(source, vertex, group.getValue().size());
            int[] edges = new int[members];
            Arrays.fill(edges, -1);
            BitSet fit = group.getKey();
            for (int m = fit.nextSetBit(0); m >= 0; m = fit.nextSetBit(m + 1)) {
                edges[m] = flow.edge(vertex, firstMember + m, group.getValue().size());
            }
            groupEdges.add(edges);
        }
        flow.maximise(source, sink);
        for (int m = 0; m < members; m++) {
            if (flow.flow(toPool[m]) > 0) {
                share[m]++;
                spareLargerShares--;
            }
        }
        for (int i = 0; i < groups.size(); i++) {
            List<Integer> partitions = groups.get(i);
            int next = 0;
            for (int m = 0; m < members; m++) {
                int edge = groupEdges.get(i)[m];
                for (int k = edge < 0 ? 0 : flow.flow(edge); k > 0; k--) {
                    layout.assign(partitions.get(next++), m);
                }
            }
        }
        placeLeftoverOrphans(orphans);
    }

    private BitSet cleanTakers(int partition) {
        BitSet fit = new BitSet(layout.members());
        for (int m = 0; m < layout.members(); m++) {
            if (room(m) > 0 && layout.conflicts(partition, m) == 0) {
                fit.set(m);
            }
        }
        return fit;
    }

    private void placeLeftoverOrphans(List<Integer> orphans) {
        List<Integer> left = new ArrayList<>();
        for (int p : orphans) {
            if (layout.owner(p) == Layout.NONE) {
                left.add(p);
            }
        }
        while (!left.isEmpty()) {
            int hardest = 0;
            int fewest = Integer.MAX_VALUE;
            for (int i = 0; i < left.size(); i++) {
                int choices = cleanTakers(left.get(i)).cardinality();
                if (choices < fewest) {
                    fewest = choices;
                    hardest = i;
                }
            }
            int p = left.remove(hardest);
            take(p, leastConflictingTaker(p));
        }
    }

    private int leastConflictingTaker(int partition) {
        int best = -1;
        int bestConflicts = Integer.MAX_VALUE;
        int bestRoom = 0;
        for (int m = 0; m < layout.members(); m++) {
            int room = room(m);
            if (room <= 0) {
                continue;
            }
            int conflicts = layout.conflicts(partition, m);
            if (conflicts < bestConflicts || (conflicts == bestConflicts && room > bestRoom)) {
                best = m;
                bestConflicts = conflicts;
                bestRoom = room;
            }
        }
        return best;
    }

    /** Larger shares left after the orphans: to the largest owners, which then give up less. */
    private void giveRemainingLargerShares() {
        Integer[] byCount = IntStream.range(0, layout.members()).boxed().toArray(Integer[]::new);
        Arrays.sort(byCount, Comparator.comparingInt((Integer m) -> -layout.count(m))
                .thenComparingInt(m -> m));
        for (int m : byCount) {
            if (spareLargerShares > 0 && share[m] == smallerShare) {
                share[m]++;
                spareLargerShares--;
            }
        }
    }

    /**
     * Moves each member's surplus to members below their share. Surplus in a violating window
     * goes first (moving it can only help); then passes round the ring give each surplus
     * partition to the neediest member that owns nothing within its windows; whatever is left
     * goes where it conflicts least.
     */
    private void moveSurplus() {
        int q = layout.partitions();
        for (int p = 0; p < q; p++) {
            if (hasSurplus(p) && layout.inViolation(p)) {
                giveWithoutConflict(p);
            }
        }
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int p = 0; p < q; p++) {
                if (hasSurplus(p) && giveWithoutConflict(p)) {
                    progress = true;
                }
            }
        }
        while (true) {
            int bestPartition = -1;
            int bestTaker = -1;
            int bestConflicts = Integer.MAX_VALUE;
            for (int p = 0; p < q; p++) {
                if (!hasSurplus(p)) {
                    continue;
                }
                for (int m = 0; m < layout.members(); m++) {
                    if (layout.count(m) < share[m]) {
                        int conflicts = layout.conflicts(p, m);
                        if (conflicts < bestConflicts) {
                            bestConflicts = conflicts;
                            bestPartition = p;
                            bestTaker = m;
                        }
                    }
                }
            }
            if (bestPartition < 0) {
                return;
            }
            layout.assign(bestPartition, bestTaker);
        }
    }

    private boolean hasSurplus(int partition) {
        int owner = layout.owner(partition);
        return layout.count(owner) > share[owner];
    }

    private boolean giveWithoutConflict(int partition) {
        int best = -1;
        int bestNeed = 0;
        for (int m = 0; m < layout.members(); m++) {
            int need = share[m] - layout.count(m);
            if (need > bestNeed && layout.conflicts(partition, m) == 0) {
                best = m;
                bestNeed = need;
            }
        }
        if (best < 0) {
            return false;
        }
        layout.assign(partition, best);
        return true;
    }
}
