package io.dynakv.core.merkle;

import io.dynakv.core.Key;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The whole anti-entropy comparison of two replicas' trees, root first, then segments, then
 * keys, with the remote side reached through {@link Side} — so it runs the same over actors
 * (step by step) or, here, synchronously on two local trees in tests.
 */
public final class Exchange {

    private Exchange() {}

    /** What one replica answers in an exchange. */
    public interface Side {
        long root();

        long[] segments();

        /** Fingerprints of every key this side holds in the given segments. */
        Map<Key, Long> keyHashes(Collection<Integer> segments);
    }

    /** The keys on which the two sides differ; empty when their roots agree. */
    public static Set<Key> differingKeys(Side ours, Side theirs) {
        if (ours.root() == theirs.root()) {
            return Set.of();
        }
        List<Integer> segments = TicTacTree.differingSegments(ours.segments(), theirs.segments());
        if (segments.isEmpty()) {
            return Set.of();
        }
        return KeyDifference.between(ours.keyHashes(segments), theirs.keyHashes(segments));
    }
}
