package io.dynakv.core.version;

import java.util.Objects;

/** A value together with the dot of the write that created it. */
public record Sibling(Dot dot, Value value) {

    public Sibling {
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(value, "value");
    }
}
