package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MeasurementsTest {

  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  private final Measurements measurements =
      new Measurements(new RunWindow(0, Duration.ofMillis(100), Duration.ofMillis(1000)));

  @Test
  void warmupOperationsAreDiscardedButCountedForProgress() {
    measurements.record(OperationType.READ, 50 * MS, 50 * MS, ok(50 * MS, 52 * MS));
    measurements.record(OperationType.READ, 150 * MS, 150 * MS, ok(150 * MS, 152 * MS));

    assertThat(measurements.snapshot().get(0).okCount()).isEqualTo(1);
    assertThat(measurements.completed()).isEqualTo(2);
    assertThat(measurements.completedInWindow()).isEqualTo(1);
  }

  @Test
  void timeSpentBehindScheduleCountsInTheLatency() {
    // Due at 200 ms, started at 230 ms, answered at 235 ms: 35 ms, not 5.
    measurements.record(OperationType.UPDATE, 200 * MS, 230 * MS, ok(230 * MS, 235 * MS));

    assertThat(measurements.snapshot().get(1).maxLatencyMillis()).isCloseTo(35, withinPercentage(0.1));
  }

  @Test
  void errorsGoToTheirOperationsRow() {
    measurements.record(
        OperationType.INSERT, 200 * MS, 200 * MS, new KvOperations.Outcome("503", 200 * MS, 201 * MS));

    List<OperationStats> stats = measurements.snapshot();
    assertThat(stats).extracting(OperationStats::label).containsExactly("read", "update", "insert");
    assertThat(stats.get(2).errorsText()).isEqualTo("503:1");
  }

  private static KvOperations.Outcome ok(long from, long end) {
    return new KvOperations.Outcome(null, from, end);
  }
}
