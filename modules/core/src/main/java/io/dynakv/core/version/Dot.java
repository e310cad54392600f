package io.dynakv.core.version;

import java.util.Comparator;
import java.util.Objects;

/** One event in a key's history: the {@code counter}-th version coordinated by {@code node}. */
public record Dot(String node, long counter) implements Comparable<Dot> {

    private static final Comparator<Dot> ORDER =
            Comparator.comparing(Dot::node).thenComparingLong(Dot::counter);

    public Dot {
        Objects.requireNonNull(node, "node");
        if (counter < 1) {
            throw new IllegalArgumentException("a dot's counter starts at 1, got " + counter);
        }
    }

    @Override
    public int compareTo(Dot other) {
        return ORDER.compare(this, other);
    }
}
