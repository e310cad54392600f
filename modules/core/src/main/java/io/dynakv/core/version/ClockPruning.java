package io.dynakv.core.version;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Keeps a key's clock small, after Riak's vclock pruning ({@code small_vclock},
 * {@code big_vclock}, {@code young_vclock}): past {@code small} entries, entries older than
 * {@code young} are dropped, oldest first; past {@code big} entries, the oldest are dropped
 * whatever their age.
 *
 * <p>Two kinds of entry are never dropped, which is what makes pruning lose no acknowledged
 * write:
 *
 * <ul>
 *   <li>an entry that backs a sibling (the clock must cover every value it holds);
 *   <li>{@code keep}, the entry of the writer that issues this replica's dots for the key. The
 *       next dot is one past that entry; dropping it could issue a dot that already names
 *       another value.
 * </ul>
 *
 * Dropping any other entry only makes the clock cover less: no value is superseded that its
 * writer's context had not seen. The cost is the other direction: a replica that still holds
 * a value the dropped entry had superseded shows it again as a sibling when it merges (an old
 * value resurfaces; nothing is lost). Dropping only entries older than {@code young} keeps
 * that to replicas that missed a write for longer than that.
 *
 * <p>Bound: a clock holds at most {@code max(big, writers backing siblings + 1)} entries after
 * every write and every merge on a replica.
 */
public record ClockPruning(int small, int big, long youngMillis) {

    /** Defaults: prune entries older than a minute past 12 entries, any past 24. */
    public static final ClockPruning DEFAULT = new ClockPruning(12, 24, 60_000L);

    public ClockPruning {
        if (small < 1 || big < small || youngMillis < 0) {
            throw new IllegalArgumentException(
                    "need 1 <= small <= big and young >= 0: " + small + ", " + big + ", " + youngMillis);
        }
    }

    /**
     * {@code object} with its clock pruned as of {@code nowMillis}, never dropping {@code keep}
     * (may be null) or an entry that backs a sibling.
     */
    public DvvSet prune(DvvSet object, String keep, long nowMillis) {
        int size = object.clock().size();
        if (size <= small) {
            return object;
        }
        Set<String> protectedWriters = new HashSet<>();
        for (Sibling s : object.siblings()) {
            protectedWriters.add(s.dot().node());
        }
        if (keep != null) {
            protectedWriters.add(keep);
        }
        List<String> candidates = new ArrayList<>();
        for (String writer : object.clock().entries().keySet()) {
            if (!protectedWriters.contains(writer)) {
                candidates.add(writer);
            }
        }
        candidates.sort(Comparator.comparingLong(object::stampOf).thenComparing(Comparator.naturalOrder()));
        Set<String> dropped = new HashSet<>();
        for (String writer : candidates) {
            boolean old = nowMillis - object.stampOf(writer) > youngMillis;
            if (size > big || (size > small && old)) {
                dropped.add(writer);
                size--;
            } else {
                break;
            }
        }
        return dropped.isEmpty() ? object : object.withoutWriters(dropped);
    }
}
