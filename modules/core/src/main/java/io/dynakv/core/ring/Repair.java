package io.dynakv.core.ring;

/**
 * Local search on a balanced layout that removes violating windows without changing any
 * member's count: it swaps the owners of two partitions, or hands a partition from a member
 * at the larger share to one at the smaller. It runs when the minimal-move layout keeps more
 * violations than a fresh layout would have.
 */
final class Repair {

    /**
     * How far along the ring to look for a partition to swap with. Layouts are close to
     * periodic, so a partner within reach is as good as a distant one; the bound keeps a claim
     * on a very large ring from going quadratic. Rings up to 2 * 2048 partitions search all.
     */
    private static final int SEARCH_RADIUS = 2048;

    private Repair() {
    }

    /**
     * Each step must remove at least one violating window. Steps that move no additional
     * partition (relative to {@code before}) are exhausted first; after that, among steps
     * with the same gain, the one that moves the fewest partitions wins. Stops at
     * {@code goal} violations or when no step helps.
     */
    static void repair(Layout layout, int[] before, int goal) {
        improve(layout, before, goal, 0);
        improve(layout, before, goal, Integer.MAX_VALUE);
    }

    /** One stage of the search, taking only steps that add at most {@code maxExtraMoves} moves. */
    private static void improve(Layout layout, int[] before, int goal, int maxExtraMoves) {
        int q = layout.partitions();
        int smaller = q / layout.members();
        boolean unequalShares = q % layout.members() != 0;
        int violations = layout.violations();
        boolean improved = true;
        while (violations > goal && improved) {
            improved = false;
            for (int p = 0; p < q && violations > goal; p++) {
                if (!layout.inViolation(p)) {
                    continue;
                }
                Step best = Step.NONE;
                int owner = layout.owner(p);
                // A member that would conflict more at p than its owner does cannot help p.
                boolean[] worthTrying = new boolean[layout.members()];
                int conflictsNow = layout.conflicts(p, owner);
                for (int m = 0; m < layout.members(); m++) {
                    worthTrying[m] = m != owner && layout.conflicts(p, m) <= conflictsNow;
                }
                int reach = Math.min(q - 1, SEARCH_RADIUS);
                for (int d = 1; d <= reach; d++) {
                    int after = (p + d) % q;
                    if (worthTrying[layout.owner(after)]) {
                        best = best.orBetter(trySwap(layout, before, p, after, maxExtraMoves), maxExtraMoves);
                    }
                    int behind = Math.floorMod(p - d, q);
                    if (behind != after && worthTrying[layout.owner(behind)]) {
                        best = best.orBetter(trySwap(layout, before, p, behind, maxExtraMoves), maxExtraMoves);
                    }
                }
                if (unequalShares && layout.count(owner) == smaller + 1) {
                    for (int m = 0; m < layout.members(); m++) {
                        if (layout.count(m) == smaller && worthTrying[m]) {
                            best = best.orBetter(tryHandOver(layout, before, p, m), maxExtraMoves);
                        }
                    }
                }
                if (best.gain() > 0) {
                    best.apply(layout);
                    violations -= best.gain();
                    improved = true;
                }
            }
        }
    }

    private static Step trySwap(Layout layout, int[] before, int p, int x, int maxExtraMoves) {
        int movedBefore = moved(layout, before, p) + moved(layout, before, x);
        layout.swap(p, x);
        int extraMoves = moved(layout, before, p) + moved(layout, before, x) - movedBefore;
        layout.swap(p, x);
        if (extraMoves > maxExtraMoves) {
            return Step.NONE;
        }
        int violationsBefore = layout.violationsTouching(p, x);
        layout.swap(p, x);
        int gain = violationsBefore - layout.violationsTouching(p, x);
        layout.swap(p, x);
        return new Step(p, x, Layout.NONE, gain, extraMoves);
    }

    private static Step tryHandOver(Layout layout, int[] before, int p, int member) {
        int previousOwner = layout.owner(p);
        int violationsBefore = layout.violationsTouching(p, p);
        int movedBefore = moved(layout, before, p);
        layout.assign(p, member);
        int gain = violationsBefore - layout.violationsTouching(p, p);
        int extraMoves = moved(layout, before, p) - movedBefore;
        layout.assign(p, previousOwner);
        return new Step(p, Layout.NONE, member, gain, extraMoves);
    }

    private static int moved(Layout layout, int[] before, int partition) {
        return layout.owner(partition) != before[partition] || before[partition] == Layout.NONE ? 1 : 0;
    }

    /** A candidate change: swap p with x, or (x == NONE) hand p to member. */
    private record Step(int p, int x, int member, int gain, int extraMoves) {

        static final Step NONE = new Step(-1, -1, -1, 0, Integer.MAX_VALUE);

        Step orBetter(Step other, int maxExtraMoves) {
            if (other.extraMoves > maxExtraMoves || other.gain <= 0) {
                return this;
            }
            if (other.gain > gain || (other.gain == gain && other.extraMoves < extraMoves)) {
                return other;
            }
            return this;
        }

        void apply(Layout layout) {
            if (x != Layout.NONE) {
                layout.swap(p, x);
            } else {
                layout.assign(p, member);
            }
        }
    }
}
