package io.dynakv.core.merkle;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class TicTacTreeTest {

    private static Value value(String s) {
        return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 1L);
    }

    private static DvvSet write(DvvSet before, String v, String node) {
        return before.update(before.context(), value(v), node);
    }

    /** A replica as the exchange sees it: its objects and its incrementally kept tree. */
    static final class Replica implements Exchange.Side {
        final Map<Key, DvvSet> objects = new HashMap<>();
        final TicTacTree tree = new TicTacTree(64);

        void put(Key key, DvvSet object) {
            tree.update(key, objects.get(key), object);
            objects.put(key, object);
        }

        void remove(Key key) {
            tree.update(key, objects.remove(key), null);
        }

        @Override
        public long root() {
            return tree.root();
        }

        @Override
        public long[] segments() {
            return tree.segments();
        }

        @Override
        public Map<Key, Long> keyHashes(Collection<Integer> segments) {
            Map<Key, Long> hashes = new HashMap<>();
            objects.forEach(
                    (k, o) -> {
                        if (segments.contains(tree.segmentOf(k))) {
                            hashes.put(k, VersionHash.of(k, o));
                        }
                    });
            return hashes;
        }
    }

    @Test
    void identicalReplicasHaveEqualRootsAndNothingToSync() {
        Replica a = new Replica();
        Replica b = new Replica();
        for (int i = 0; i < 100; i++) {
            DvvSet o = write(DvvSet.empty(), "v" + i, "n1");
            a.put(new Key("b", "k" + i), o);
            b.put(new Key("b", "k" + i), o);
        }
        assertThat(a.root()).isEqualTo(b.root());
        assertThat(Exchange.differingKeys(a, b)).isEmpty();
    }

    @Test
    void theExchangeFindsExactlyTheKeysThatDiffer() {
        Replica a = new Replica();
        Replica b = new Replica();
        for (int i = 0; i < 200; i++) {
            DvvSet o = write(DvvSet.empty(), "v" + i, "n1");
            a.put(new Key("b", "k" + i), o);
            b.put(new Key("b", "k" + i), o);
        }
        Key newer = new Key("b", "k7");
        a.put(newer, write(a.objects.get(newer), "newer", "n1"));
        Key onlyOnB = new Key("b", "only-b");
        b.put(onlyOnB, write(DvvSet.empty(), "x", "n2"));
        Key removedFromA = new Key("b", "k42");
        a.remove(removedFromA);

        assertThat(Exchange.differingKeys(a, b)).containsExactlyInAnyOrder(newer, onlyOnB, removedFromA);
        assertThat(Exchange.differingKeys(b, a)).containsExactlyInAnyOrder(newer, onlyOnB, removedFromA);
    }

    @Test
    void syncingTheDifferingKeysBothWaysMakesTheTreesEqual() {
        Replica a = new Replica();
        Replica b = new Replica();
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            Key key = new Key("b", "k" + random.nextInt(100));
            Replica target = random.nextBoolean() ? a : b;
            DvvSet before = target.objects.getOrDefault(key, DvvSet.empty());
            target.put(key, write(before, "v" + i, random.nextBoolean() ? "n1" : "n2"));
        }
        Set<Key> differing = Exchange.differingKeys(a, b);
        for (Key key : differing) {
            DvvSet merged =
                    a.objects.getOrDefault(key, DvvSet.empty()).merge(b.objects.getOrDefault(key, DvvSet.empty()));
            a.put(key, merged);
            b.put(key, merged);
        }
        assertThat(a.root()).isEqualTo(b.root());
        assertThat(a.segments()).isEqualTo(b.segments());
        assertThat(Exchange.differingKeys(a, b)).isEmpty();
    }

    @Property(tries = 100)
    void theTreeDoesNotDependOnTheOrderOfWrites(@ForAll @IntRange(min = 1, max = 60) int keys, @ForAll long seed) {
        List<Map.Entry<Key, DvvSet>> objects = new ArrayList<>();
        for (int i = 0; i < keys; i++) {
            objects.add(Map.entry(new Key("b", "k" + i), write(DvvSet.empty(), "v" + i, "n" + (i % 3))));
        }
        TicTacTree inOrder = TicTacTree.of(64, objects);
        Collections.shuffle(objects, new Random(seed));
        TicTacTree shuffled = TicTacTree.of(64, objects);
        assertThat(shuffled).isEqualTo(inOrder);
    }

    @Test
    void aNewVersionOfAKeyChangesItsFingerprintAndTheSameVersionDoesNot() {
        Key key = new Key("b", "k");
        DvvSet one = write(DvvSet.empty(), "a", "n1");
        assertThat(VersionHash.of(key, one)).isEqualTo(VersionHash.of(key, one.merge(one)));
        assertThat(VersionHash.of(key, write(one, "b", "n1"))).isNotEqualTo(VersionHash.of(key, one));
        assertThat(VersionHash.of(new Key("b", "other"), one)).isNotEqualTo(VersionHash.of(key, one));
        assertThat(VersionHash.of(key, DvvSet.empty().update(VersionVector.empty(), value("a"), "n2")))
                .isNotEqualTo(VersionHash.of(key, one));
    }
}
