package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RunWindowTest {

  private final RunWindow window = new RunWindow(1_000, Duration.ofNanos(100), Duration.ofNanos(500));

  @Test
  void onlyOperationsStartedAfterTheWarmupAndBeforeTheEndAreMeasured() {
    assertThat(window.isMeasured(1_099)).isFalse();
    assertThat(window.isMeasured(1_100)).isTrue();
    assertThat(window.isMeasured(1_599)).isTrue();
    assertThat(window.isMeasured(1_600)).isFalse();
  }

  @Test
  void aRunCutShortMeasuresOnlyWhatItRan() {
    assertThat(window.measuredNanos(5_000)).isEqualTo(500);
    assertThat(window.measuredNanos(1_350)).isEqualTo(250);
    assertThat(window.measuredNanos(1_050)).isZero();
  }
}
