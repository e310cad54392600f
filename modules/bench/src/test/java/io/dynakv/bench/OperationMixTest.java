package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class OperationMixTest {

  private static final int DRAWS = 100_000;

  @Test
  void drawsFollowTheConfiguredRatios() {
    OperationMix mix = OperationMix.of(0.6, 0.3, 0.1);
    Map<OperationType, Integer> counts = draw(mix, new SplittableRandom(7));

    assertThat(counts.get(OperationType.READ) / (double) DRAWS).isCloseTo(0.6, within(0.01));
    assertThat(counts.get(OperationType.UPDATE) / (double) DRAWS).isCloseTo(0.3, within(0.01));
    assertThat(counts.get(OperationType.INSERT) / (double) DRAWS).isCloseTo(0.1, within(0.01));
  }

  @Test
  void aZeroRatioIsNeverDrawn() {
    Map<OperationType, Integer> counts = draw(OperationMix.of(0.5, 0.5, 0), new SplittableRandom(1));

    assertThat(counts.getOrDefault(OperationType.INSERT, 0)).isZero();
    assertThat(counts.get(OperationType.READ) / (double) DRAWS).isCloseTo(0.5, within(0.01));
  }

  @Test
  void theEdgesOfTheUnitIntervalStayInsideTheMix() {
    OperationMix readsAndUpdates = OperationMix.of(0.7, 0.3, 0);

    assertThat(readsAndUpdates.choose(0.0)).isEqualTo(OperationType.READ);
    assertThat(readsAndUpdates.choose(Math.nextDown(1.0))).isEqualTo(OperationType.UPDATE);
    assertThat(OperationMix.of(1, 0, 0).choose(Math.nextDown(1.0))).isEqualTo(OperationType.READ);
    assertThat(OperationMix.of(0, 0, 1).choose(0.0)).isEqualTo(OperationType.INSERT);
  }

  @Test
  void ratiosThatDoNotAddUpToOneAreRejected() {
    assertThatThrownBy(() -> OperationMix.of(0.9, 0.5, 0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("add up to 1");
    assertThatThrownBy(() -> OperationMix.of(1.5, -0.5, 0))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> OperationMix.of(Double.NaN, 1, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void decimalRoundingInTypedRatiosIsTolerated() {
    assertThat(OperationMix.of(0.1, 0.2, 0.7).ratio(OperationType.INSERT)).isCloseTo(0.7, within(1e-9));
  }

  private static Map<OperationType, Integer> draw(OperationMix mix, SplittableRandom random) {
    Map<OperationType, Integer> counts = new EnumMap<>(OperationType.class);
    for (int i = 0; i < DRAWS; i++) {
      counts.merge(mix.choose(random.nextDouble()), 1, Integer::sum);
    }
    return counts;
  }
}
