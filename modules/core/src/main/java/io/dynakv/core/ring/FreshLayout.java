package io.dynakv.core.ring;

/**
 * Layouts computed from scratch, ignoring where partitions are now: the first ring of a
 * cluster, and the last resort of a claim whose incremental result keeps too many windows
 * with a repeated owner.
 *
 * <p>The pattern is round-robin over the members. When S does not divide Q, plain
 * round-robin leaves a short tail of {@code Q mod S} partitions before it wraps, and if that
 * tail is shorter than n, the n-1 windows across the wrap each see a node twice. When there
 * are more members than n, the tail is avoided the way Riak's claim does it: the
 * {@code S - (Q mod S)} members that own one partition fewer each sit out one lap of the
 * round-robin, in blocks of at most {@code S - n} members, in laps that are not adjacent;
 * every lap then still has at least n members and the ring closes without a violation. With
 * exactly n members (3 nodes, n=3, 256 partitions) n-1 violations are unavoidable: a ring in
 * which every three consecutive partitions have three distinct owners out of three nodes
 * repeats with period 3, which 256 is not a multiple of.
 *
 * <p>A pattern is a list of slots; slot j is given to the j-th member of some order. Any order
 * and any rotation of the pattern along the ring is equally balanced and has the same
 * violations, so {@link #closestTo} picks the ones that keep the most partitions in place.
 */
final class FreshLayout {

    /** Bounds the work of trying rotations on very large rings; 256 partitions try them all. */
    private static final long ROTATION_BUDGET = 1L << 24;

    private FreshLayout() {
    }

    /** The slot of each partition; slot j appears ceil(Q/S) times for j < Q mod S, else floor(Q/S). */
    static int[] pattern(int members, int partitions, int n) {
        int[] plain = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            plain[p] = p % members;
        }
        int tail = partitions % members;
        if (members >= partitions || tail == 0 || tail >= n || members <= n) {
            return plain;
        }
        int[] striped = striped(members, partitions, n);
        if (striped != null && new Layout(striped, members, n).violations()
                < new Layout(plain, members, n).violations()) {
            return striped;
        }
        return plain;
    }

    private static int[] striped(int members, int partitions, int n) {
        int tail = partitions % members;
        int laps = partitions / members + 1;
        int sittingOut = members - tail;
        int maxBlock = members - n;
        int blocks = (sittingOut + maxBlock - 1) / maxBlock;
        if (2 * blocks > laps) {
            return null;
        }
        // blockStart/blockEnd per lap: slots [start, end) sit that lap out; empty when equal.
        int[] blockStart = new int[laps];
        int[] blockEnd = new int[laps];
        for (int i = 0; i < blocks; i++) {
            int lap = (int) ((long) i * laps / blocks);
            blockStart[lap] = tail + (int) ((long) i * sittingOut / blocks);
            blockEnd[lap] = tail + (int) ((long) (i + 1) * sittingOut / blocks);
        }
        int[] slots = new int[partitions];
        int p = 0;
        for (int lap = 0; lap < laps; lap++) {
            for (int slot = 0; slot < members; slot++) {
                if (slot < blockStart[lap] || slot >= blockEnd[lap]) {
                    slots[p++] = slot;
                }
            }
        }
        return slots;
    }

    /** Violations of any fresh layout for these sizes: what claim treats as achievable. */
    static int violations(int members, int partitions, int n) {
        return new Layout(pattern(members, partitions, n), members, n).violations();
    }

    /**
     * The fresh layout (over member indices 0..members-1) that agrees with {@code before} on
     * the most partitions, over every assignment of members to slots (an exact maximum-weight
     * matching) and, where it matters, every rotation of the pattern along the ring.
     */
    static int[] closestTo(int[] before, int members, int partitions, int n) {
        int[] pattern = pattern(members, partitions, n);
        boolean rotationMatters = members < partitions && partitions % members != 0;
        long costPerRotation = partitions + (long) members * members * members;
        int rotations = rotationMatters
                ? (int) Math.max(1, Math.min(partitions, ROTATION_BUDGET / costPerRotation))
                : 1;
        long bestKept = -1;
        int bestShift = 0;
        int[] bestMemberOfSlot = null;
        for (int i = 0; i < rotations; i++) {
            int shift = (int) ((long) i * partitions / rotations);
            long[][] kept = new long[members][members];
            for (int p = 0; p < partitions; p++) {
                if (before[p] != Layout.NONE) {
                    kept[pattern[Math.floorMod(p - shift, partitions)]][before[p]]++;
                }
            }
            int[] memberOfSlot = Assignment.maximise(kept);
            long total = 0;
            for (int slot = 0; slot < members; slot++) {
                total += kept[slot][memberOfSlot[slot]];
            }
            if (total > bestKept) {
                bestKept = total;
                bestShift = shift;
                bestMemberOfSlot = memberOfSlot;
            }
        }
        int[] owners = new int[partitions];
        for (int p = 0; p < partitions; p++) {
            owners[p] = bestMemberOfSlot[pattern[Math.floorMod(p - bestShift, partitions)]];
        }
        return owners;
    }
}
