package io.dynakv.core.version;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * Everything a replica knows about one key, as a dotted version vector set (Almeida et al.
 * 2014; Riak's dvvset) in its "dotted causal container" form: a version vector (the causal
 * past this replica has seen) and the concurrent values still alive, each tagged with the dot
 * of the write that made it.
 *
 * <p>Unlike per-value vector clocks, the new dot comes from the coordinator's own history of
 * the key, not from the client's context: two writes with the same stale context through the
 * same coordinator get distinct dots and both survive as siblings, and a context supersedes
 * exactly the dots it covers.
 *
 * <p>{@code stamps} says, for each writer of the clock, the newest write time (a value's
 * {@code lastModified}) at which that entry last advanced. Merged by maximum like the clock, so
 * replicas agree on it; it is what {@link ClockPruning} uses to tell an old entry from a young
 * one, and it is never part of a context or of a fingerprint. A writer without a stamp (data
 * written before stamps existed) counts as old.
 */
public record DvvSet(VersionVector clock, List<Sibling> siblings, SortedMap<String, Long> stamps) {

    private static final Comparator<Sibling> BY_DOT = Comparator.comparing(Sibling::dot);
    private static final Comparator<Sibling> NEWEST =
            Comparator.comparingLong((Sibling s) -> s.value().lastModified())
                    .thenComparing(Sibling::dot);
    private static final DvvSet EMPTY = new DvvSet(VersionVector.empty(), List.of());

    public DvvSet {
        List<Sibling> sorted = new ArrayList<>(siblings);
        sorted.sort(BY_DOT);
        for (Sibling s : sorted) {
            if (!clock.covers(s.dot())) {
                throw new IllegalArgumentException("sibling " + s.dot() + " not covered by " + clock);
            }
        }
        siblings = List.copyOf(sorted);
        // Stamps only for writers the clock names (null: stored before stamps existed).
        TreeMap<String, Long> kept = new TreeMap<>();
        if (stamps != null) {
            stamps.forEach((writer, at) -> {
                if (clock.entries().containsKey(writer) && at != null) {
                    kept.put(writer, at);
                }
            });
        }
        stamps = Collections.unmodifiableSortedMap(kept);
    }

    public DvvSet(VersionVector clock, List<Sibling> siblings) {
        this(clock, siblings, null);
    }

    public static DvvSet empty() {
        return EMPTY;
    }

    /**
     * A write coordinated by this replica: removes what {@code context} saw, adds {@code value}
     * under a fresh dot of {@code coordinator}.
     *
     * <p>The dot's counter comes from this replica's clock, not from the context, so two writes
     * with the same stale context through the same coordinator get different dots and both
     * survive. It is one past the larger of the clock's and the context's entry for the
     * coordinator: a context can know more of the coordinator's history than this replica (a
     * replica rebuilt from scratch), and a dot the context already covers would be dropped at
     * once or collide with an existing write.
     */
    public DvvSet update(VersionVector context, Value value, String coordinator) {
        List<Sibling> kept = new ArrayList<>(siblings.size() + 1);
        for (Sibling s : siblings) {
            if (!context.covers(s.dot())) {
                kept.add(s);
            }
        }
        long counter = Math.max(clock.get(coordinator), context.get(coordinator)) + 1;
        Dot dot = new Dot(coordinator, counter);
        kept.add(new Sibling(dot, value));
        VersionVector advanced = clock.merge(context).with(coordinator, counter);
        // Every entry this write advanced (its own, and what the context taught) is young now.
        TreeMap<String, Long> stamped = new TreeMap<>(stamps);
        advanced.entries().forEach((writer, c) -> {
            if (c > clock.get(writer)) {
                stamped.merge(writer, value.lastModified(), Math::max);
            }
        });
        return new DvvSet(advanced, kept, stamped);
    }

    /** Synchronises two replicas' knowledge of the key. Commutative, associative, idempotent. */
    public DvvSet merge(DvvSet other) {
        if (other == this || other.equals(this)) {
            return this;
        }
        List<Sibling> kept = new ArrayList<>();
        for (Sibling s : siblings) {
            if (other.siblings.contains(s) || !other.clock.covers(s.dot())) {
                kept.add(s);
            }
        }
        for (Sibling s : other.siblings) {
            if (!siblings.contains(s) && !clock.covers(s.dot())) {
                kept.add(s);
            }
        }
        TreeMap<String, Long> stamped = new TreeMap<>(stamps);
        other.stamps.forEach((writer, at) -> stamped.merge(writer, at, Math::max));
        return new DvvSet(clock.merge(other.clock), kept, stamped);
    }

    /** When {@code writer}'s entry last advanced, or 0 when unknown (counts as oldest). */
    public long stampOf(String writer) {
        Long at = stamps.get(writer);
        return at == null ? 0L : at;
    }

    /** This object without the clock entries of {@code writers} (see {@link ClockPruning}). */
    DvvSet withoutWriters(java.util.Set<String> writers) {
        TreeMap<String, Long> entries = new TreeMap<>(clock.entries());
        entries.keySet().removeAll(writers);
        return new DvvSet(new VersionVector(entries), siblings, stamps);
    }

    /**
     * The context a write may bring into this object: all of it while the object's clock stays
     * within {@code maxEntries} writers; beyond that only the writers this object knows. A client
     * can send any context, and writers nobody has seen would otherwise grow the clock (and the
     * context handed out) without bound, until it no longer fits in a request header. A writer
     * this replica has not seen yet but another has is then merely not superseded: its value
     * becomes a sibling, nothing is lost.
     */
    public VersionVector admissibleContext(VersionVector context, int maxEntries) {
        // Cheap bound first: the hot path (a normal context) needs no merge.
        if (clock.size() + context.size() <= maxEntries || clock.merge(context).size() <= maxEntries) {
            return context;
        }
        return context.restrictedTo(clock);
    }

    public List<Value> values() {
        return siblings.stream().map(Sibling::value).toList();
    }

    /**
     * The values with identical ones (same bytes, content type, time and tombstone flag) shown
     * once: what a client should see. Identical siblings arise when one client write was
     * coordinated twice (a forwarded put whose first coordinator confirmed too late, so a
     * second one took it too); they are still two dots, which the context covers.
     */
    public List<Value> distinctValues() {
        return List.copyOf(new java.util.LinkedHashSet<>(values()));
    }

    /** The context a client gets with a read: everything this object has seen. */
    public VersionVector context() {
        return clock;
    }

    public boolean isEmpty() {
        return siblings.isEmpty();
    }

    /**
     * True when a client must be shown more than one version: several distinct values, not all
     * of them tombstones (a key whose every version is a delete reads as deleted). A read answers
     * such an object with all its siblings, and so does a write that leaves it behind: a write
     * answered with a bare context would hand its caller a context covering values it never saw.
     */
    public boolean showsSiblings() {
        return !allDeleted() && distinctValues().size() > 1;
    }

    public boolean allDeleted() {
        return !siblings.isEmpty() && siblings.stream().allMatch(s -> s.value().deleted());
    }

    /** True when merging {@code other} into this would change nothing. */
    public boolean descends(DvvSet other) {
        return merge(other).equals(this);
    }

    public int size() {
        return siblings.size();
    }

    /** Only the newest sibling (by timestamp, then dot), for buckets that opt out of siblings. */
    public DvvSet lastWriterWins() {
        if (siblings.size() <= 1) {
            return this;
        }
        Sibling newest = siblings.stream().max(NEWEST).orElseThrow();
        return new DvvSet(clock, List.of(newest), stamps);
    }

    /** Approximate bytes held, for accounting. */
    public long sizeBytes() {
        long bytes = 16L * clock.entries().size();
        for (Sibling s : siblings) {
            bytes += 48 + s.value().bytes().length;
        }
        return bytes;
    }
}
