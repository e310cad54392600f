package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class OpenLoopScheduleTest {

  private static final long START = 5_000_000_000L;

  @Test
  void operationIIsDueAtStartPlusIOverRate() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 1000);

    assertThat(schedule.intendedStartNanos(0)).isEqualTo(START);
    assertThat(schedule.intendedStartNanos(1)).isEqualTo(START + 1_000_000);
    assertThat(schedule.intendedStartNanos(2500)).isEqualTo(START + 2_500_000_000L);
  }

  @Test
  void fractionalIntervalsDoNotDrift() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 3);

    assertThat(schedule.intendedStartNanos(1)).isEqualTo(START + 333_333_333);
    // After many slots the error stays below a nanosecond per slot, not accumulated.
    assertThat(schedule.intendedStartNanos(3_000_000)).isEqualTo(START + 1_000_000_000_000_000L);
  }

  @Test
  void countsTheOperationsDueInAnInterval() {
    OpenLoopSchedule schedule = new OpenLoopSchedule(START, 100);

    assertThat(schedule.countBetween(START, START + 1_000_000_000L)).isEqualTo(100);
    // Slots at 10 ms, 20 ms, ... 40 ms fall in [5 ms, 45 ms).
    assertThat(schedule.countBetween(START + 5_000_000, START + 45_000_000)).isEqualTo(4);
    assertThat(schedule.countBetween(START - 1_000_000_000L, START)).isZero();
    assertThat(schedule.firstIndexAtOrAfter(START + 10_000_000)).isEqualTo(1);
    assertThat(schedule.firstIndexAtOrAfter(START + 10_000_001)).isEqualTo(2);
  }

  @Test
  void aRateMustBePositive() {
    assertThatThrownBy(() -> new OpenLoopSchedule(START, 0)).isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new OpenLoopSchedule(START, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
  }
}
