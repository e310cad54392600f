package io.dynakv.core.ring;

/**
 * A mutable working copy of partition ownership while a claim is being computed. Members are
 * indices into the sorted member list; {@link #NONE} marks a partition whose owner is leaving.
 *
 * <p>A "window" is {@code n} consecutive partitions, wrapping; it violates when two of its
 * partitions have the same owner, because then a key hashing to its first partition would
 * find fewer than n distinct nodes among those partitions.
 */
final class Layout {

    static final int NONE = -1;

    private final int[] owner;
    private final int[] count;
    private final int window;

    Layout(int[] owner, int members, int window) {
        this.owner = owner.clone();
        this.count = new int[members];
        this.window = window;
        for (int m : owner) {
            if (m != NONE) {
                count[m]++;
            }
        }
    }

    Layout copy() {
        return new Layout(owner, count.length, window);
    }

    int partitions() {
        return owner.length;
    }

    int members() {
        return count.length;
    }

    int owner(int partition) {
        return owner[partition];
    }

    int count(int member) {
        return count[member];
    }

    int[] owners() {
        return owner.clone();
    }

    void assign(int partition, int member) {
        if (owner[partition] != NONE) {
            count[owner[partition]]--;
        }
        owner[partition] = member;
        if (member != NONE) {
            count[member]++;
        }
    }

    void swap(int a, int b) {
        int ownerOfA = owner[a];
        owner[a] = owner[b];
        owner[b] = ownerOfA;
    }

    /** Partitions whose owner differs from {@code before} (a leaver's partition always counts). */
    int movesFrom(int[] before) {
        int moves = 0;
        for (int p = 0; p < owner.length; p++) {
            if (owner[p] != before[p] || before[p] == NONE) {
                moves++;
            }
        }
        return moves;
    }

    boolean violates(int start) {
        int q = owner.length;
        for (int i = 0; i < window; i++) {
            int a = owner[(start + i) % q];
            if (a == NONE) {
                continue;
            }
            for (int j = i + 1; j < window; j++) {
                if (owner[(start + j) % q] == a) {
                    return true;
                }
            }
        }
        return false;
    }

    int violations() {
        int total = 0;
        for (int start = 0; start < owner.length; start++) {
            if (violates(start)) {
                total++;
            }
        }
        return total;
    }

    /** True when the partition shares some window with another partition of the same owner. */
    boolean inViolation(int partition) {
        return owner[partition] != NONE && conflicts(partition, owner[partition]) > 0;
    }

    /** How many partitions within window distance of {@code partition} (either side) {@code member} owns. */
    int conflicts(int partition, int member) {
        int q = owner.length;
        int reach = Math.min(window - 1, q - 1);
        int found = 0;
        for (int d = 1; d <= reach; d++) {
            if (owner[(partition + d) % q] == member) {
                found++;
            }
            if (owner[Math.floorMod(partition - d, q)] == member) {
                found++;
            }
        }
        return found;
    }

    /** Violating windows among those containing partition a or partition b. */
    int violationsTouching(int a, int b) {
        int q = owner.length;
        int span = Math.min(window, q);
        int total = 0;
        for (int d = 0; d < span; d++) {
            if (violates(Math.floorMod(a - d, q))) {
                total++;
            }
        }
        for (int d = 0; d < span; d++) {
            int start = Math.floorMod(b - d, q);
            boolean countedForA = Math.floorMod(a - start, q) < span;
            if (!countedForA && violates(start)) {
                total++;
            }
        }
        return total;
    }
}
