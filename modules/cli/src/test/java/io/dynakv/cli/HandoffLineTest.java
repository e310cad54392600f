package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class HandoffLineTest {

  @Test
  void barFillsInProportionAndShowsPercent() {
    assertThat(ProgressBar.render(0, 10)).isEqualTo("[----------]   0%");
    assertThat(ProgressBar.render(0.55, 10)).isEqualTo("[#####-----]  55%");
    assertThat(ProgressBar.render(1, 10)).isEqualTo("[##########] 100%");
    assertThat(ProgressBar.render(1.7, 4)).isEqualTo("[####] 100%");
    assertThat(ProgressBar.render(Double.NaN, 4)).isEqualTo("[----]   0%");
  }

  @Test
  void duringATransitionTheLineShowsCopiesObjectsRateAndEta() {
    HandoffSnapshot s = new HandoffSnapshot(5, true, true, 64, 60, 60, 1200, 812.4, 5000, 4, List.of());
    HandoffProgress.View v = new HandoffProgress.View(true, 90, 150, 0.6, OptionalLong.of(75));
    assertThat(HandoffLine.text(s, v))
        .isEqualTo(
            "epoch 5 in transition (64 partitions change owner) [############--------]  60%"
                + " 90/150 partition copies done, 1200 objects pending, 812 obj/s, ETA 1:15");
  }

  @Test
  void afterSettlingTheLineShowsTransfersLeftAndAnUnknownEta() {
    HandoffSnapshot s =
        new HandoffSnapshot(6, false, false, 0, 0, 1, 20, 0, 5000, 3, List.of("http://127.0.0.1:9"));
    HandoffProgress.View v = new HandoffProgress.View(false, 0, 0, 0.5, OptionalLong.empty());
    assertThat(HandoffLine.text(s, v))
        .isEqualTo(
            "epoch 6 settled, handing off [##########----------]  50% 1 transfer left,"
                + " 20 objects pending, 0.0 obj/s, ETA --:-- (no answer from http://127.0.0.1:9)");
  }

  @Test
  void doneSaysSo() {
    HandoffSnapshot s = new HandoffSnapshot(6, false, false, 0, 0, 0, 0, 0, 5000, 3, List.of());
    assertThat(HandoffLine.text(s, new HandoffProgress.View(false, 0, 0, 1, OptionalLong.of(0))))
        .isEqualTo("epoch 6 settled: nothing left to hand off");
  }

  @Test
  void jsonCarriesTheFiguresAndANullEtaWhenUnknown() {
    HandoffSnapshot s = new HandoffSnapshot(5, true, true, 64, 60, 60, 1200, 812.44, 5000, 4, List.of());
    ObjectNode json =
        HandoffLine.json(s, new HandoffProgress.View(true, 90, 150, 0.6, OptionalLong.empty()));
    assertThat(json.get("copiesDone").asInt()).isEqualTo(90);
    assertThat(json.get("copiesTotal").asInt()).isEqualTo(150);
    assertThat(json.get("objectsPerSecond").asDouble()).isEqualTo(812.4);
    assertThat(json.get("etaSeconds").isNull()).isTrue();
    assertThat(json.get("done").asBoolean()).isFalse();
  }
}
