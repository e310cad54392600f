package io.dynakv.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

  private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(1));

  @Test
  void backoffDoublesPerRoundUpToTheCap() {
    assertThat(policy.backoff(1, () -> 0.999999)).isBetween(Duration.ofMillis(99), Duration.ofMillis(100));
    assertThat(policy.backoff(2, () -> 0.999999)).isBetween(Duration.ofMillis(199), Duration.ofMillis(200));
    assertThat(policy.backoff(3, () -> 0.999999)).isBetween(Duration.ofMillis(399), Duration.ofMillis(400));
    assertThat(policy.backoff(5, () -> 0.999999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
    assertThat(policy.backoff(60, () -> 0.999999)).isBetween(Duration.ofMillis(999), Duration.ofSeconds(1));
  }

  @Test
  void jitterTakesTheWaitDownToHalf() {
    assertThat(policy.backoff(1, () -> 0.0)).isEqualTo(Duration.ofMillis(50));
    assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofMillis(300));
  }

  @Test
  void aPolicyNeedsOneRoundAndOrderedBackoffs() {
    assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new RetryPolicy(2, Duration.ofSeconds(2), Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(RetryPolicy.failoverOnly().backoff(1, () -> 0.7)).isZero();
  }
}
