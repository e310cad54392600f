package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class TombstoneReapingTest {

    private final DvvSet written =
            DvvSet.empty().update(VersionVector.empty(), Value.of("v".getBytes(StandardCharsets.UTF_8), "text/plain", 1L), "a");
    private final DvvSet deleted = written.update(written.context(), Value.tombstone(2L), "a");

    @Test
    void aTombstoneEveryReplicaHoldsMayGo() {
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted, deleted), 3)).isTrue();
        assertThat(TombstoneReaping.reapable(deleted, List.of(), 1)).isTrue();
    }

    @Test
    void aReplicaThatStillHoldsTheOldValueKeepsTheTombstone() {
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted, written), 3)).isFalse();
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted, DvvSet.empty()), 3)).isFalse();
    }

    @Test
    void aReplicaThatDidNotAnswerKeepsTheTombstone() {
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted), 3)).isFalse();
    }

    @Test
    void onlyTombstonesAreReaped() {
        assertThat(TombstoneReaping.reapable(written, List.of(written, written), 3)).isFalse();
        DvvSet concurrent = deleted.merge(
                DvvSet.empty().update(written.context(), Value.of("w".getBytes(StandardCharsets.UTF_8), "text/plain", 3L), "b"));
        assertThat(concurrent.allDeleted()).isFalse();
        assertThat(TombstoneReaping.reapable(concurrent, List.of(concurrent, concurrent), 3)).isFalse();
        assertThat(TombstoneReaping.reapable(DvvSet.empty(), List.of(DvvSet.empty(), DvvSet.empty()), 3)).isFalse();
    }

    @Test
    void aCopyLeftBeyondALoweredNKeepsTheTombstoneUnlessItIsTheSameTombstone() {
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted), 2, List.of(written))).isFalse();
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted), 2, List.of(deleted, DvvSet.empty()))).isTrue();
        assertThat(TombstoneReaping.reapable(deleted, List.of(deleted), 2, java.util.Arrays.asList((DvvSet) null))).isTrue();
    }
}
