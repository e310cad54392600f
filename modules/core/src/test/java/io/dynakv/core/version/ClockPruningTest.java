package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClockPruningTest {

    private static Value v(String s, long at) {
        return Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", at);
    }

    /** One key written by {@code writers} writers in turn, each with the latest context. */
    private static DvvSet writtenBy(int writers) {
        DvvSet object = DvvSet.empty();
        for (int i = 0; i < writers; i++) {
            object = object.update(object.context(), v("w" + i, 1_000L * i), "w" + i);
        }
        return object;
    }

    @Test
    void aClockWithinSmallIsLeftAlone() {
        DvvSet object = writtenBy(3);
        assertThat(new ClockPruning(3, 5, 0).prune(object, "w2", 1_000_000)).isSameAs(object);
    }

    @Test
    void pastSmallOnlyOldEntriesGoOldestFirst() {
        DvvSet object = writtenBy(6); // stamps 0, 1000, ..., 5000; w5 backs the only sibling
        DvvSet pruned = new ClockPruning(3, 10, 2_500).prune(object, "w5", 5_000);
        // w0 (5 s old) and w1 (4 s) and w2 (3 s) are older than 2.5 s: three go, leaving 3.
        assertThat(pruned.clock().entries()).containsOnlyKeys("w3", "w4", "w5");
        assertThat(pruned.values()).isEqualTo(object.values());
    }

    @Test
    void pastBigEntriesGoWhateverTheirAge() {
        DvvSet object = writtenBy(8);
        DvvSet pruned = new ClockPruning(2, 4, 1_000_000).prune(object, "w7", 7_000);
        assertThat(pruned.clock().entries()).containsOnlyKeys("w4", "w5", "w6", "w7");
    }

    @Test
    void anEntryBackingASiblingOrTheKeptWriterIsNeverPruned() {
        DvvSet object = DvvSet.empty();
        for (int i = 0; i < 6; i++) {
            // Blind writes: every value stays a sibling.
            object = object.update(VersionVector.empty(), v("w" + i, i), "w" + i);
        }
        object = object.update(object.context(), v("resolved", 10), "keeper");
        object = object.update(VersionVector.empty(), v("blind", 11), "x");
        DvvSet pruned = new ClockPruning(1, 1, 0).prune(object, "keeper", 1_000);
        assertThat(pruned.clock().entries()).containsOnlyKeys("keeper", "x");
        assertThat(pruned.values()).isEqualTo(object.values());
    }

    @Test
    void stampsFollowTheEntriesAWriteAdvancesAndMergeByMaximum() {
        DvvSet a = DvvSet.empty().update(VersionVector.empty(), v("a", 100), "a");
        DvvSet b = DvvSet.empty().update(VersionVector.empty(), v("b", 200), "b");
        DvvSet merged = a.merge(b);
        assertThat(merged.stampOf("a")).isEqualTo(100);
        assertThat(merged.stampOf("b")).isEqualTo(200);
        DvvSet later = merged.update(merged.context(), v("c", 300), "a");
        assertThat(later.stampOf("a")).isEqualTo(300);
        assertThat(later.stampOf("b")).isEqualTo(200);
        assertThat(later.merge(merged)).isEqualTo(later);
        assertThat(DvvSet.empty().stampOf("nobody")).isZero();
    }
}
