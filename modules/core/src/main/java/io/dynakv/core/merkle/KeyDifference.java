package io.dynakv.core.merkle;

import io.dynakv.core.Key;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The last step of an exchange: given each side's key fingerprints in the segments that
 * differ, the keys whose versions differ (including keys only one side has). Each of them is
 * synced both ways through the normal merge.
 */
public final class KeyDifference {

    private KeyDifference() {}

    public static Set<Key> between(Map<Key, Long> ours, Map<Key, Long> theirs) {
        Set<Key> differing = new HashSet<>();
        ours.forEach(
                (key, hash) -> {
                    if (!hash.equals(theirs.get(key))) {
                        differing.add(key);
                    }
                });
        theirs.forEach(
                (key, hash) -> {
                    if (!ours.containsKey(key)) {
                        differing.add(key);
                    }
                });
        return differing;
    }
}
