package io.dynakv.core.ring;

import java.util.Objects;

/**
 * One replica of a request: a primary of the key, or a fallback standing in for the
 * unreachable primary named by {@code hintFor} (null for primaries).
 */
public record Target(String node, boolean primary, String hintFor) {

    public Target {
        Objects.requireNonNull(node, "node");
        if (primary != (hintFor == null)) {
            throw new IllegalArgumentException("a primary has no hint and a fallback needs one");
        }
    }
}
