package io.dynakv.core.quorum;

import static io.dynakv.core.quorum.Progress.FAILED;
import static io.dynakv.core.quorum.Progress.PENDING;
import static io.dynakv.core.quorum.Progress.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import java.util.List;
import org.junit.jupiter.api.Test;

class GetQuorumTest {

    private static final DvvSet V1 = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[] {1}, "x/y", 1), "a");
    private static final DvvSet V2 = V1.update(V1.context(), Value.of(new byte[] {2}, "x/y", 2), "b");
    private static final DvvSet CONCURRENT = DvvSet.empty().update(VersionVector.empty(), Value.of(new byte[] {3}, "x/y", 3), "c");

    @Test
    void succeedsAtTheRthReplyWithTheMergeSoFar() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b", "c"), 2);
        assertThat(quorum.reply("a", V1)).isEqualTo(PENDING);
        assertThat(quorum.merged()).isEqualTo(V1);
        assertThat(quorum.reply("b", V2)).isEqualTo(SUCCEEDED);
        assertThat(quorum.merged()).isEqualTo(V2);
        assertThat(quorum.replies()).isEqualTo(2);
        assertThat(quorum.required()).isEqualTo(2);
        assertThat(quorum.allResponded()).isFalse();
    }

    @Test
    void notFoundCountsAsAReply() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b", "c"), 2);
        quorum.reply("a", DvvSet.empty());
        assertThat(quorum.reply("b", DvvSet.empty())).isEqualTo(SUCCEEDED);
        assertThat(quorum.merged().isEmpty()).isTrue();
    }

    @Test
    void repliesAfterSuccessStillMergeForReadRepair() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b", "c"), 1);
        assertThat(quorum.reply("a", V1)).isEqualTo(SUCCEEDED);
        assertThat(quorum.reply("c", CONCURRENT)).isEqualTo(SUCCEEDED);
        assertThat(quorum.merged().size()).isEqualTo(2);
        assertThat(quorum.fail("b")).isEqualTo(SUCCEEDED);
        assertThat(quorum.allResponded()).isTrue();
        assertThat(quorum.repliesByNode()).containsOnlyKeys("a", "c");
    }

    @Test
    void failsAsSoonAsRIsOutOfReach() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b", "c"), 2);
        assertThat(quorum.fail("a")).isEqualTo(PENDING);
        assertThat(quorum.fail("b")).isEqualTo(FAILED);
        assertThat(quorum.reply("c", V1)).isEqualTo(FAILED);
        assertThat(quorum.replies()).isEqualTo(1);
    }

    @Test
    void fewerTargetsThanRFailsAtOnce() {
        assertThat(new GetQuorum(List.of("a"), 2).progress()).isEqualTo(FAILED);
    }

    @Test
    void duplicateAndUnknownRepliesAreIgnored() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b"), 2);
        quorum.reply("a", V1);
        assertThat(quorum.reply("a", V2)).isEqualTo(PENDING);
        assertThat(quorum.reply("stranger", V2)).isEqualTo(PENDING);
        assertThat(quorum.replies()).isEqualTo(1);
        assertThat(quorum.merged()).isEqualTo(V1);
        assertThat(quorum.repliesByNode()).containsEntry("a", V1).hasSize(1);
    }

    @Test
    void rBelowOneIsRefused() {
        assertThatThrownBy(() -> new GetQuorum(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNodeThatDoesNotHoldThePartitionIsReplacedByItsStandInAndNeverCountsAsAReply() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b", "c"), 2);
        assertThat(quorum.failOver("a", "d")).isEqualTo(PENDING);
        assertThat(quorum.failOver("b", "e")).isEqualTo(PENDING);
        assertThat(quorum.reply("c", DvvSet.empty())).isEqualTo(PENDING);
        assertThat(quorum.reply("d", V1)).isEqualTo(SUCCEEDED);
        assertThat(quorum.merged()).isEqualTo(V1);
        assertThat(quorum.repliesByNode()).containsOnlyKeys("c", "d");
        assertThat(quorum.allResponded()).isFalse();
        quorum.reply("e", V1);
        assertThat(quorum.allResponded()).isTrue();
    }

    @Test
    void aNodeThatDoesNotHoldThePartitionWithNoStandInLeftIsAFailure() {
        GetQuorum quorum = new GetQuorum(List.of("a", "b"), 2);
        assertThat(quorum.failOver("a", null)).isEqualTo(FAILED);
        assertThat(quorum.replies()).isZero();
    }
}
