package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class DvvSetTest {

    private static Value text(String s, long at) {
        return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", at);
    }

    private static List<String> texts(DvvSet object) {
        return object.values().stream()
                .map(v -> v.deleted() ? "<deleted>" : new String(v.bytes(), StandardCharsets.UTF_8))
                .toList();
    }

    @Test
    void firstPutWithNoContextHoldsOneValueUnderTheCoordinatorsFirstDot() {
        DvvSet object = DvvSet.empty().update(VersionVector.empty(), text("v1", 1), "a");
        assertThat(object.siblings()).containsExactly(new Sibling(new Dot("a", 1), text("v1", 1)));
        assertThat(object.context().get("a")).isEqualTo(1);
    }

    @Test
    void noFalseSiblingsWhenEachPutCarriesThePreviousContext() {
        DvvSet object = DvvSet.empty();
        for (int i = 0; i < 10; i++) {
            object = object.update(object.context(), text("v" + i, i), i % 2 == 0 ? "a" : "b");
        }
        assertThat(texts(object)).containsExactly("v9");
    }

    @Test
    void concurrentPutsWithSameContextThroughSameCoordinatorBecomeSiblings() {
        DvvSet read = DvvSet.empty().update(VersionVector.empty(), text("v1", 1), "a");
        VersionVector context = read.context();
        DvvSet object = read
                .update(context, text("from client 1", 2), "a")
                .update(context, text("from client 2", 3), "a");
        assertThat(texts(object)).containsExactlyInAnyOrder("from client 1", "from client 2");
    }

    @Test
    void putsWithoutContextThroughSameCoordinatorAllSurvive() {
        DvvSet object = DvvSet.empty()
                .update(VersionVector.empty(), text("x", 1), "a")
                .update(VersionVector.empty(), text("y", 2), "a");
        assertThat(texts(object)).containsExactly("x", "y");
    }

    @Test
    void putsThroughDifferentCoordinatorsWithTheSameContextBecomeSiblings() {
        DvvSet replica = DvvSet.empty().update(VersionVector.empty(), text("v1", 1), "a");
        VersionVector context = replica.context();
        DvvSet atA = replica.update(context, text("via a", 2), "a");
        DvvSet atB = replica.update(context, text("via b", 3), "b");
        assertThat(texts(atA.merge(atB))).containsExactlyInAnyOrder("via a", "via b");
    }

    @Test
    void aPutSupersedesExactlyWhatItsContextCovered() {
        DvvSet atA = DvvSet.empty().update(VersionVector.empty(), text("a1", 1), "a");
        DvvSet atB = DvvSet.empty().update(VersionVector.empty(), text("b1", 2), "b");
        DvvSet both = atA.merge(atB);
        assertThat(texts(both)).containsExactly("a1", "b1");

        // The client saw only a1 (it read from a before the sync).
        DvvSet next = both.update(atA.context(), text("a2", 3), "a");
        assertThat(texts(next)).containsExactlyInAnyOrder("b1", "a2");
    }

    @Test
    void aPutWithTheContextOfAMergedReadReplacesAllSiblings() {
        DvvSet atA = DvvSet.empty().update(VersionVector.empty(), text("a1", 1), "a");
        DvvSet atB = DvvSet.empty().update(VersionVector.empty(), text("b1", 2), "b");
        DvvSet atC = DvvSet.empty().update(VersionVector.empty(), text("c1", 3), "c");
        DvvSet read = atA.merge(atB).merge(atC);
        assertThat(read.size()).isEqualTo(3);

        // The write reaches a replica that had only a1; the context still removes b1 and c1
        // wherever they meet it.
        DvvSet written = atA.update(read.context(), text("resolved", 4), "a");
        assertThat(texts(written)).containsExactly("resolved");
        assertThat(texts(written.merge(atB).merge(atC))).containsExactly("resolved");
    }

    @Test
    void aStaleReplicaCannotResurrectWhatWasSuperseded() {
        DvvSet old = DvvSet.empty().update(VersionVector.empty(), text("old", 1), "a");
        DvvSet newer = old.update(old.context(), text("new", 2), "b");
        assertThat(texts(old.merge(newer))).containsExactly("new");
        assertThat(texts(newer.merge(old))).containsExactly("new");
    }

    @Test
    void aContextAheadOfTheCoordinatorsReplicaStillGetsAFreshDot() {
        // The coordinator's replica lost its history of the key; the client knows a:5.
        VersionVector context = new VersionVector(new TreeMap<>(java.util.Map.of("a", 5L)));
        DvvSet object = DvvSet.empty().update(context, text("v", 1), "a");
        assertThat(object.siblings().get(0).dot()).isEqualTo(new Dot("a", 6));
        assertThat(object.context().get("a")).isEqualTo(6);
    }

    @Test
    void deleteIsATombstoneSibling() {
        DvvSet object = DvvSet.empty().update(VersionVector.empty(), text("v", 1), "a");
        DvvSet deleted = object.update(object.context(), Value.tombstone(2), "a");
        assertThat(deleted.allDeleted()).isTrue();
        assertThat(deleted.isEmpty()).isFalse();
        assertThat(DvvSet.empty().allDeleted()).isFalse();
        DvvSet concurrentWrite = object.update(object.context(), text("w", 3), "b");
        DvvSet both = deleted.merge(concurrentWrite);
        assertThat(both.allDeleted()).isFalse();
        assertThat(texts(both)).containsExactlyInAnyOrder("<deleted>", "w");
    }

    @Test
    void lastWriterWinsKeepsTheNewestTimestampThenTheGreatestDot() {
        DvvSet a = DvvSet.empty().update(VersionVector.empty(), text("late", 20), "a");
        DvvSet b = DvvSet.empty().update(VersionVector.empty(), text("early", 10), "b");
        DvvSet c = DvvSet.empty().update(VersionVector.empty(), text("late too", 20), "c");
        DvvSet siblings = a.merge(b).merge(c);
        DvvSet winner = siblings.lastWriterWins();
        assertThat(texts(winner)).containsExactly("late too");
        assertThat(winner.context()).isEqualTo(siblings.context());
        assertThat(winner.lastWriterWins()).isSameAs(winner);
    }

    @Test
    void siblingsAreKeptInDotOrderSoEqualStatesAreEqual() {
        Sibling x = new Sibling(new Dot("a", 1), text("x", 1));
        Sibling y = new Sibling(new Dot("b", 1), text("y", 1));
        VersionVector clock = new VersionVector(new TreeMap<>(java.util.Map.of("a", 1L, "b", 1L)));
        assertThat(new DvvSet(clock, List.of(y, x))).isEqualTo(new DvvSet(clock, List.of(x, y)));
        assertThat(new DvvSet(clock, List.of(y, x)).siblings()).containsExactly(x, y);
    }

    @Test
    void everySiblingMustBeCoveredByTheClock() {
        Sibling x = new Sibling(new Dot("a", 2), text("x", 1));
        VersionVector clock = new VersionVector(new TreeMap<>(java.util.Map.of("a", 1L)));
        assertThatThrownBy(() -> new DvvSet(clock, List.of(x))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void descendsWhenMergingTheOtherChangesNothing() {
        DvvSet v1 = DvvSet.empty().update(VersionVector.empty(), text("v1", 1), "a");
        DvvSet v2 = v1.update(v1.context(), text("v2", 2), "a");
        assertThat(v2.descends(v1)).isTrue();
        assertThat(v1.descends(v2)).isFalse();
        assertThat(v1.descends(DvvSet.empty())).isTrue();
        assertThat(DvvSet.empty().descends(v1)).isFalse();
    }

    @Test
    void sizeBytesGrowsWithTheValues() {
        DvvSet small = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[10], "a/b", 1), "a");
        DvvSet large = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[1000], "a/b", 1), "a");
        assertThat(small.sizeBytes()).isGreaterThanOrEqualTo(10);
        assertThat(large.sizeBytes() - small.sizeBytes()).isEqualTo(990);
        assertThat(DvvSet.empty().sizeBytes()).isZero();
    }

    @Test
    void identicalValuesFromTwoCoordinatorsAreShownOnceButStayTwoVersions() {
        Value v = Value.of(new byte[] {7}, "text/plain", 5L);
        DvvSet twice = DvvSet.empty().update(VersionVector.empty(), v, "a")
                .merge(DvvSet.empty().update(VersionVector.empty(), v, "b"));
        assertThat(twice.values()).hasSize(2);
        assertThat(twice.distinctValues()).containsExactly(v);
        DvvSet resolved = twice.update(twice.context(), Value.of(new byte[] {8}, "text/plain", 6L), "a");
        assertThat(resolved.values()).hasSize(1);
    }

    @Test
    void aForgedContextCannotGrowTheClockBeyondTheBound() {
        Value v = Value.of(new byte[] {1}, "text/plain", 1L);
        DvvSet object = DvvSet.empty().update(VersionVector.empty(), v, "a");
        TreeMap<String, Long> forged = new TreeMap<>();
        for (int i = 0; i < 900; i++) {
            forged.put("ghost-" + i, 1L);
        }
        forged.put("a", 1L);
        VersionVector context = new VersionVector(forged);
        VersionVector admitted = object.admissibleContext(context, 256);
        assertThat(admitted.entries()).containsOnlyKeys("a");
        DvvSet written = object.update(admitted, Value.of(new byte[] {2}, "text/plain", 2L), "b");
        assertThat(written.context().size()).isEqualTo(2);
        assertThat(written.values()).hasSize(1);
        // A context within the bound is taken whole.
        VersionVector small = new VersionVector(new TreeMap<>(java.util.Map.of("a", 1L, "c", 4L)));
        assertThat(object.admissibleContext(small, 256)).isEqualTo(small);
    }
}
