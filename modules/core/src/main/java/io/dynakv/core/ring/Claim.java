package io.dynakv.core.ring;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Turns (previous ring, members) into the next ring. Goals, in priority order, for S members,
 * Q partitions and the target n:
 *
 * <ol>
 *   <li><b>Balance</b>, always: every member owns {@code floor(Q/S)} or {@code ceil(Q/S)}
 *       partitions.
 *   <li><b>Distinct windows</b>: any n consecutive partitions (wrapping) should have n
 *       distinct owners, so that a key's n primaries are the owners of its partition and the
 *       next n-1. When {@code S >= n} (and {@code Q >= n}) the result never has more violating
 *       windows ({@link #violations}) than the fresh layout for those sizes: 0 when S divides Q
 *       or {@code Q mod S >= n}, 0 in most other cases because the round-robin tail is spread
 *       ({@link FreshLayout}), and at most n-1 when it cannot be (S == n: 3 nodes, 256
 *       partitions, n=3 gives exactly 2, which is optimal). When {@code S < n} every window
 *       repeats; only balance and moves count.
 *   <li><b>Few moves</b>. Let M be the leavers' partitions plus each member's surplus over its
 *       share when the larger shares go to the largest owners: no balanced ring is reachable
 *       with fewer than M moves. Claim first builds an M-move result, placing each moved
 *       partition where it creates no violation if it can (a maximum flow for the leavers'
 *       partitions, passes round the ring for the surplus). Guarantees:
 *       <ul>
 *         <li>If that result meets the window bound, it is the answer: exactly M moves, so a
 *             member that keeps its share keeps all its partitions. With {@code S < n} this
 *             always applies.
 *         <li>One node joining a ring with at least n members and no violating window moves
 *             exactly M partitions, all to the joiner (its share) and nothing else. This is
 *             what the greedy placement achieves in every case the property tests generate
 *             (1..12 nodes, Q 8..256, n 1..5) and the exhaustive example checks; it is not a
 *             proof. 3 -> 4 nodes on 256 partitions also lands here: 64 moves, and the two
 *             violations at the wrap are gone.
 *         <li>Otherwise (typically a leave: in a striped ring every partition of the leaver
 *             sits between the same few nodes, which therefore cannot take it) the M-move
 *             result is repaired by swaps, cheapest first, and compared with the fresh layout
 *             aligned to the previous ring (the member order and rotation that keep the most
 *             partitions in place, an exact matching). The one with fewer moves wins, so
 *             moves never exceed the aligned fresh layout's, which keeps at least
 *             {@code (Q - L) / S} partitions (L = the leavers' partitions): moves are at most
 *             {@code max(M, Q - ceil((Q - L) / S))}. Example: 4 -> 3 nodes on a striped
 *             256-partition ring, n=3, moves 190 partitions, because any 3-node ring within
 *             the bound of 2 violations repeats with period 3, while keeping the survivors in
 *             place would leave 128 violating windows.
 *       </ul>
 * </ol>
 *
 * <p>Claim is deterministic, and a fixed point: claiming again with the same members returns
 * the previous ring itself (same epoch). Otherwise the epoch grows by one.
 */
public final class Claim {

    private Claim() {
    }

    /**
     * @param previous the current ring, or null for a new cluster (then the fresh layout over
     *     the sorted members, i.e. round-robin with the tail spread as above)
     * @param members the next ring's members; duplicates are ignored
     * @param partitions Q; must equal the previous ring's, which is fixed for a cluster's life
     * @param targetN the n whose windows should have distinct owners (the largest bucket n)
     */
    public static Ring claim(Ring previous, Collection<String> members, int partitions, int targetN) {
        Objects.requireNonNull(members, "members");
        new Partitioning(partitions);
        if (targetN < 1) {
            throw new IllegalArgumentException("targetN must be >= 1, got " + targetN);
        }
        List<String> sorted = List.copyOf(new TreeSet<>(members));
        if (sorted.isEmpty()) {
            throw new IllegalArgumentException("a ring needs at least one member");
        }
        if (previous == null) {
            int[] fresh = FreshLayout.pattern(sorted.size(), partitions, targetN);
            return new Ring(1, partitions, sorted, names(fresh, sorted));
        }
        if (previous.partitions() != partitions) {
            throw new IllegalArgumentException("the ring has " + previous.partitions()
                    + " partitions; it cannot change to " + partitions);
        }
        int[] before = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            int index = Collections.binarySearch(sorted, previous.owner(p));
            before[p] = index >= 0 ? index : Layout.NONE;
        }
        List<String> owners = names(plan(before, sorted.size(), targetN), sorted);
        if (sorted.equals(previous.members()) && owners.equals(previous.owners())) {
            return previous;
        }
        return new Ring(previous.epoch() + 1, partitions, sorted, owners);
    }

    static int[] plan(int[] before, int members, int n) {
        int q = before.length;
        Layout minimal = new Layout(before, members, n);
        Rebalance.minimalMoves(minimal);
        if (members < n || q < n) {
            return minimal.owners();
        }
        int bound = FreshLayout.violations(members, q, n);
        if (minimal.violations() <= bound) {
            return minimal.owners();
        }
        Layout repaired = minimal.copy();
        Repair.repair(repaired, before, bound);
        int[] fresh = FreshLayout.closestTo(before, members, q, n);
        if (repaired.violations() <= bound
                && repaired.movesFrom(before) <= new Layout(fresh, members, n).movesFrom(before)) {
            return repaired.owners();
        }
        return fresh;
    }

    /**
     * Partitions p whose window {@code p .. p+n-1} (wrapping) has a repeated owner: the keys
     * of partition p then have fewer than n distinct nodes among their first n partitions.
     */
    public static int violations(Ring ring, int n) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be >= 1, got " + n);
        }
        List<String> members = ring.members();
        int[] owners = new int[ring.partitions()];
        for (int p = 0; p < owners.length; p++) {
            owners[p] = Collections.binarySearch(members, ring.owner(p));
        }
        return new Layout(owners, members.size(), n).violations();
    }

    /** Partitions whose owner differs between two rings of the same size: the handoffs needed. */
    public static int moves(Ring from, Ring to) {
        if (from.partitions() != to.partitions()) {
            throw new IllegalArgumentException("rings of different sizes");
        }
        int moves = 0;
        for (int p = 0; p < from.partitions(); p++) {
            if (!from.owner(p).equals(to.owner(p))) {
                moves++;
            }
        }
        return moves;
    }

    private static List<String> names(int[] owners, List<String> sorted) {
        List<String> named = new ArrayList<>(owners.length);
        for (int owner : owners) {
            named.add(sorted.get(owner));
        }
        return named;
    }
}
