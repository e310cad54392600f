package io.dynakv.core.quorum;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadRepairTest {

    private static final DvvSet V1 = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[] {1}, "x/y", 1), "a");
    private static final DvvSet V2 = V1.update(V1.context(), Value.of(new byte[] {2}, "x/y", 2), "b");
    private static final DvvSet CONCURRENT = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[] {3}, "x/y", 3), "c");

    @Test
    void replicasThatMissedTheNewestVersionAreStale() {
        Map<String, DvvSet> replies = Map.of("a", V1, "b", V2, "c", DvvSet.empty());
        assertThat(ReadRepair.staleReplicas(replies, V2)).containsExactly("a", "c");
    }

    @Test
    void everyReplicaMissingASiblingIsStale() {
        DvvSet merged = V2.merge(CONCURRENT);
        Map<String, DvvSet> replies = Map.of("a", V2, "b", CONCURRENT, "c", merged);
        assertThat(ReadRepair.staleReplicas(replies, merged)).containsExactly("a", "b");
    }

    @Test
    void agreeingReplicasNeedNoRepair() {
        assertThat(ReadRepair.staleReplicas(Map.of("a", V2, "b", V2), V2)).isEmpty();
        assertThat(ReadRepair.staleReplicas(Map.of("a", DvvSet.empty()), DvvSet.empty())).isEmpty();
    }

    @Test
    void aTombstoneIsNotPushedToAReplicaThatHoldsNothing() {
        DvvSet deleted = V2.update(V2.context(), Value.tombstone(4), "a");
        Map<String, DvvSet> replies = Map.of("a", deleted, "b", DvvSet.empty(), "c", V1);
        assertThat(ReadRepair.staleReplicas(replies, deleted)).containsExactly("c");
    }
}
