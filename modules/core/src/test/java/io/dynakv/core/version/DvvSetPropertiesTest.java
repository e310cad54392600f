package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Dotted version vector sets under random replica histories: three replicas take puts (each
 * coordinated by the replica it lands on) with contexts from any earlier state, including
 * stale and merged reads, and sync pairwise at random.
 */
class DvvSetPropertiesTest {

    private static final int REPLICAS = 3;

    /** What happened: every state reached, every write and every context a put carried. */
    record History(DvvSet[] replicas, List<DvvSet> states, Map<Dot, Value> written, List<VersionVector> contexts) {

        DvvSet everything() {
            DvvSet all = DvvSet.empty();
            for (DvvSet replica : replicas) {
                all = all.merge(replica);
            }
            return all;
        }
    }

    @Provide
    Arbitrary<History> histories() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(40).map(DvvSetPropertiesTest::replay);
    }

    /** Each number is one event: a put, a sync of two replicas, or a read merging two. */
    static History replay(List<Integer> events) {
        DvvSet[] replicas = new DvvSet[REPLICAS];
        java.util.Arrays.fill(replicas, DvvSet.empty());
        List<DvvSet> states = new ArrayList<>(List.of(DvvSet.empty()));
        Map<Dot, Value> written = new HashMap<>();
        List<VersionVector> contexts = new ArrayList<>();
        int serial = 0;
        for (int event : events) {
            int kind = event % 10;
            int i = (event / 10) % REPLICAS;
            int j = (event / 30) % REPLICAS;
            int pick = event / 90;
            if (kind < 6) {
                VersionVector context = states.get(pick % states.size()).context();
                Value value = Value.of(("v" + serial).getBytes(StandardCharsets.UTF_8), "text/plain", serial % 7);
                serial++;
                DvvSet before = replicas[i];
                replicas[i] = before.update(context, value, "r" + i);
                Dot dot = new Dot("r" + i, Math.max(before.context().get("r" + i), context.get("r" + i)) + 1);
                assertThat(replicas[i].siblings()).contains(new Sibling(dot, value));
                written.put(dot, value);
                contexts.add(context);
                states.add(replicas[i]);
            } else if (kind < 9) {
                DvvSet synced = replicas[i].merge(replicas[j]);
                replicas[i] = synced;
                replicas[j] = synced;
                states.add(synced);
            } else {
                states.add(replicas[i].merge(replicas[j]));
            }
        }
        return new History(replicas, states, written, contexts);
    }

    private static DvvSet pick(History h, int index) {
        return h.states().get(Math.floorMod(index, h.states().size()));
    }

    @Property(tries = 300)
    void mergeIsCommutative(@ForAll("histories") History h, @ForAll int x, @ForAll int y) {
        DvvSet a = pick(h, x);
        DvvSet b = pick(h, y);
        assertThat(a.merge(b)).isEqualTo(b.merge(a));
    }

    @Property(tries = 300)
    void mergeIsAssociative(@ForAll("histories") History h, @ForAll int x, @ForAll int y, @ForAll int z) {
        DvvSet a = pick(h, x);
        DvvSet b = pick(h, y);
        DvvSet c = pick(h, z);
        assertThat(a.merge(b).merge(c)).isEqualTo(a.merge(b.merge(c)));
    }

    @Property(tries = 300)
    void mergeIsIdempotentAndEmptyIsItsIdentity(@ForAll("histories") History h, @ForAll int x) {
        DvvSet a = pick(h, x);
        assertThat(a.merge(a)).isEqualTo(a);
        assertThat(a.merge(DvvSet.empty())).isEqualTo(a);
        assertThat(DvvSet.empty().merge(a)).isEqualTo(a);
    }

    @Property(tries = 300)
    void aMergeDescendsBothSides(@ForAll("histories") History h, @ForAll int x, @ForAll int y) {
        DvvSet a = pick(h, x);
        DvvSet b = pick(h, y);
        DvvSet merged = a.merge(b);
        assertThat(merged.descends(a)).isTrue();
        assertThat(merged.descends(b)).isTrue();
        assertThat(merged.context().descends(a.context())).isTrue();
    }

    /**
     * The store's promise: once every replica has synced, the values left are exactly the
     * writes that no later put's context covered. Nothing is lost, nothing superseded returns.
     */
    @Property(tries = 300)
    void afterFullSyncExactlyTheWritesNoContextCoveredRemain(@ForAll("histories") History h) {
        Set<Dot> expected = new HashSet<>();
        for (Dot dot : h.written().keySet()) {
            if (h.contexts().stream().noneMatch(context -> context.covers(dot))) {
                expected.add(dot);
            }
        }
        DvvSet all = h.everything();
        Set<Dot> remaining = new HashSet<>();
        for (Sibling sibling : all.siblings()) {
            remaining.add(sibling.dot());
            assertThat(sibling.value()).isEqualTo(h.written().get(sibling.dot()));
        }
        assertThat(remaining).isEqualTo(expected);
        for (Dot dot : h.written().keySet()) {
            assertThat(all.context().covers(dot)).isTrue();
        }
    }

    @Property(tries = 300)
    void aPutWithTheFullContextLeavesOnlyItsValue(@ForAll("histories") History h, @ForAll int at) {
        DvvSet all = h.everything();
        DvvSet replica = h.replicas()[Math.floorMod(at, REPLICAS)];
        Value resolved = Value.of(new byte[] {42}, "text/plain", 0);
        DvvSet written = replica.update(all.context(), resolved, "r" + Math.floorMod(at, REPLICAS));
        assertThat(written.values()).containsExactly(resolved);
        assertThat(written.merge(all).values()).containsExactly(resolved);
    }
}
