package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class HandoffProgressTest {

  private static final URI N1 = URI.create("http://127.0.0.1:1");
  private static final URI N2 = URI.create("http://127.0.0.1:2");

  private static JsonNode json(String text) {
    return Json.parseOrNull(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  private static JsonNode ringInTransition(long epoch, int moving) {
    return json("{\"epoch\":" + epoch + ",\"transition\":{\"movingPartitions\":" + moving + "}}");
  }

  private static JsonNode settledRing(long epoch) {
    return json("{\"epoch\":" + epoch + ",\"transition\":null}");
  }

  private static JsonNode copying(int left, long objects, double rate) {
    return json(
        "{\"transition\":{\"epoch\":5,\"partitionsLeft\":"
            + left
            + "},\"objectsSent\":10,\"objectsPerSecond\":"
            + rate
            + ",\"pending\":"
            + (objects == 0 ? "[]" : "[{\"partition\":1,\"kind\":\"transfer\",\"objects\":" + objects + "}]")
            + "}");
  }

  private static JsonNode idle() {
    return json("{\"transition\":null,\"objectsSent\":0,\"objectsPerSecond\":0.0,\"pending\":[]}");
  }

  @Test
  void snapshotSumsCopiesObjectsAndRatesOverNodes() {
    HandoffSnapshot s =
        HandoffSnapshot.of(
            List.of(
                NodeHandoff.answered(N1, ringInTransition(5, 64), copying(30, 1200, 400)),
                NodeHandoff.answered(N2, ringInTransition(5, 64), copying(10, 300, 100.5))));
    assertThat(s.inTransition()).isTrue();
    assertThat(s.epoch()).isEqualTo(5);
    assertThat(s.movingPartitions()).isEqualTo(64);
    assertThat(s.copiesLeft()).isEqualTo(40);
    assertThat(s.pendingObjects()).isEqualTo(1500);
    assertThat(s.pendingTransfers()).isEqualTo(2);
    assertThat(s.objectsPerSecond()).isEqualTo(500.5);
    assertThat(s.done()).isFalse();
  }

  @Test
  void doneOnlyWhenNoRingIsInTransitionAndNothingIsPending() {
    HandoffSnapshot oneStillOld =
        HandoffSnapshot.of(
            List.of(
                NodeHandoff.answered(N1, settledRing(6), idle()),
                NodeHandoff.answered(N2, ringInTransition(5, 64), idle())));
    assertThat(oneStillOld.done()).isFalse();
    HandoffSnapshot settled =
        HandoffSnapshot.of(
            List.of(
                NodeHandoff.answered(N1, settledRing(6), idle()),
                NodeHandoff.answered(N2, settledRing(6), idle())));
    assertThat(settled.done()).isTrue();
  }

  @Test
  void aHandoffThatHasNotSeenTheSettledRingYetIsNotCopyingButNotDoneEither() {
    JsonNode lagging = json("{\"transition\":{\"epoch\":5,\"partitionsLeft\":0},\"objectsPerSecond\":0.0,\"pending\":[]}");
    HandoffSnapshot s =
        HandoffSnapshot.of(
            List.of(
                NodeHandoff.answered(N1, settledRing(6), idle()),
                NodeHandoff.answered(N2, settledRing(6), lagging)));
    assertThat(s.copying()).isFalse();
    assertThat(s.done()).isFalse();
    assertThat(new HandoffProgress().update(s).copying()).isFalse();
  }

  @Test
  void aNodeThatStoppedAnsweringIsListedAndLeftOut() {
    HandoffSnapshot s =
        HandoffSnapshot.of(
            List.of(
                NodeHandoff.answered(N1, settledRing(6), idle()),
                NodeHandoff.unreachable(N2, "cannot reach")));
    assertThat(s.unreachable()).containsExactly(N2.toString());
    assertThat(s.done()).isTrue();
    assertThat(HandoffSnapshot.of(List.of(NodeHandoff.unreachable(N2, "x"))).done()).isFalse();
  }

  @Test
  void copiesDoneCountAgainstTheMostSeenLeftAtLeastTheMovingPartitions() {
    HandoffProgress progress = new HandoffProgress();
    HandoffProgress.View first = progress.update(snapshot(5, 64, 150, 3000, 600));
    // More copies than owner changes (n = 3): the total follows the copies seen.
    assertThat(first.copiesTotal()).isEqualTo(150);
    assertThat(first.copiesDone()).isZero();
    HandoffProgress.View later = progress.update(snapshot(5, 64, 60, 1200, 600));
    assertThat(later.copiesDone()).isEqualTo(90);
    assertThat(later.fraction()).isEqualTo(0.6);
    HandoffProgress.View fewCopies = new HandoffProgress().update(snapshot(5, 64, 16, 100, 10));
    assertThat(fewCopies.copiesTotal()).isEqualTo(64);
    assertThat(fewCopies.copiesDone()).isEqualTo(48);
  }

  @Test
  void aNewTransitionEpochStartsCountingAgain() {
    HandoffProgress progress = new HandoffProgress();
    progress.update(snapshot(5, 64, 150, 3000, 600));
    HandoffProgress.View next = progress.update(snapshot(7, 64, 20, 100, 10));
    assertThat(next.copiesTotal()).isEqualTo(64);
  }

  @Test
  void afterTheRingSettledProgressIsObjectsHandedOff() {
    HandoffProgress progress = new HandoffProgress();
    progress.update(snapshot(5, 64, 1, 10, 10));
    HandoffSnapshot notListedYet = new HandoffSnapshot(6, false, true, 0, 0, 0, 0, 100, 0, 1, List.of());
    assertThat(progress.update(notListedYet).fraction()).isZero();
    HandoffProgress.View first = progress.update(settled(6, 400, 100));
    assertThat(first.copying()).isFalse();
    assertThat(first.fraction()).isZero();
    HandoffProgress.View later = progress.update(settled(6, 100, 100));
    assertThat(later.fraction()).isEqualTo(0.75);
  }

  @Test
  void etaIsPendingObjectsOverTheRateRoundedUp() {
    assertThat(HandoffProgress.eta(snapshot(5, 64, 10, 1001, 100)).getAsLong()).isEqualTo(11);
    assertThat(HandoffProgress.eta(snapshot(5, 64, 10, 1001, 0))).isEmpty();
    assertThat(HandoffProgress.eta(snapshot(5, 64, 10, 0, 100))).isEmpty();
    assertThat(HandoffProgress.eta(settled(6, 0, 0)).getAsLong()).isZero();
  }

  private static HandoffSnapshot snapshot(long epoch, int moving, int left, long objects, double rate) {
    return new HandoffSnapshot(epoch, true, true, moving, left, objects == 0 ? 0 : 3, objects, rate, 0, 1, List.of());
  }

  private static HandoffSnapshot settled(long epoch, long objects, double rate) {
    return new HandoffSnapshot(epoch, false, false, 0, 0, objects == 0 ? 0 : 2, objects, rate, 0, 1, List.of());
  }
}
