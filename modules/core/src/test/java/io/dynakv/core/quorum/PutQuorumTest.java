package io.dynakv.core.quorum;

import static io.dynakv.core.quorum.Progress.FAILED;
import static io.dynakv.core.quorum.Progress.PENDING;
import static io.dynakv.core.quorum.Progress.SUCCEEDED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PutQuorumTest {

    @Test
    void succeedsAtTheWthAck() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b", "c"), 2);
        assertThat(quorum.progress()).isEqualTo(PENDING);
        assertThat(quorum.ack("a")).isEqualTo(PENDING);
        assertThat(quorum.acks()).isEqualTo(1);
        assertThat(quorum.ack("b")).isEqualTo(SUCCEEDED);
        assertThat(quorum.acks()).isEqualTo(2);
        assertThat(quorum.required()).isEqualTo(2);
    }

    @Test
    void failsAsSoonAsTheRemainingTargetsCannotReachW() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b", "c"), 2);
        assertThat(quorum.fail("a")).isEqualTo(PENDING);
        assertThat(quorum.ack("b")).isEqualTo(PENDING);
        assertThat(quorum.fail("c")).isEqualTo(FAILED);
        assertThat(quorum.acks()).isEqualTo(1);
    }

    @Test
    void twoFailuresOfThreeFailAWriteNeedingTwo() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b", "c"), 2);
        quorum.fail("a");
        assertThat(quorum.fail("b")).isEqualTo(FAILED);
    }

    @Test
    void fewerTargetsThanWFailsAtOnce() {
        assertThat(new PutQuorum(List.of("a"), 2).progress()).isEqualTo(FAILED);
        assertThat(new PutQuorum(List.of(), 1).progress()).isEqualTo(FAILED);
    }

    @Test
    void duplicateAndUnknownResponsesAreIgnored() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b", "c"), 2);
        quorum.ack("a");
        assertThat(quorum.ack("a")).isEqualTo(PENDING);
        assertThat(quorum.ack("stranger")).isEqualTo(PENDING);
        assertThat(quorum.fail("a")).isEqualTo(PENDING);
        assertThat(quorum.acks()).isEqualTo(1);
    }

    @Test
    void aFailureAfterAnAckFromTheSameNodeIsIgnored() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b"), 2);
        quorum.ack("a");
        assertThat(quorum.fail("a")).isEqualTo(PENDING);
        assertThat(quorum.ack("b")).isEqualTo(SUCCEEDED);
    }

    @Test
    void theOutcomeStaysDecidedButLateAcksStillCount() {
        PutQuorum quorum = new PutQuorum(List.of("a", "b", "c"), 1);
        assertThat(quorum.ack("a")).isEqualTo(SUCCEEDED);
        assertThat(quorum.fail("b")).isEqualTo(SUCCEEDED);
        assertThat(quorum.ack("c")).isEqualTo(SUCCEEDED);
        assertThat(quorum.acks()).isEqualTo(2);

        PutQuorum failed = new PutQuorum(List.of("a", "b", "c"), 3);
        assertThat(failed.fail("a")).isEqualTo(FAILED);
        assertThat(failed.ack("b")).isEqualTo(FAILED);
        assertThat(failed.ack("c")).isEqualTo(FAILED);
        assertThat(failed.acks()).isEqualTo(2);
    }

    @Test
    void wBelowOneIsRefused() {
        assertThatThrownBy(() -> new PutQuorum(List.of("a"), 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
