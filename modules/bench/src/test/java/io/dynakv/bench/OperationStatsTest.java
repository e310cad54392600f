package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.withinPercentage;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OperationStatsTest {

  @Test
  void percentilesOfOneToAThousandMilliseconds() {
    OperationRecorder recorder = new OperationRecorder();
    for (int millis = 1; millis <= 1000; millis++) {
      recorder.recordSuccess(TimeUnit.MILLISECONDS.toNanos(millis));
    }
    OperationStats stats = recorder.snapshot("read");

    assertThat(stats.okCount()).isEqualTo(1000);
    assertThat(stats.latencyMillis(50)).isCloseTo(500, withinPercentage(0.1));
    assertThat(stats.latencyMillis(95)).isCloseTo(950, withinPercentage(0.1));
    assertThat(stats.latencyMillis(99)).isCloseTo(990, withinPercentage(0.1));
    assertThat(stats.latencyMillis(99.9)).isCloseTo(999, withinPercentage(0.1));
    assertThat(stats.maxLatencyMillis()).isCloseTo(1000, withinPercentage(0.1));
  }

  @Test
  void microsecondLatenciesKeepTheirPrecision() {
    OperationRecorder recorder = new OperationRecorder();
    recorder.recordSuccess(TimeUnit.MICROSECONDS.toNanos(1234));

    assertThat(recorder.snapshot("read").latencyMillis(50)).isEqualTo(1.234);
  }

  @Test
  void errorsAreCountedByKindMostFrequentFirstAndKeptOutOfTheLatencies() {
    OperationRecorder recorder = new OperationRecorder();
    recorder.recordSuccess(1_000_000);
    for (int i = 0; i < 3; i++) {
      recorder.recordError("timeout");
    }
    for (int i = 0; i < 12; i++) {
      recorder.recordError("503");
    }
    OperationStats stats = recorder.snapshot("update");

    assertThat(stats.errorsText()).isEqualTo("503:12 timeout:3");
    assertThat(stats.errorCount()).isEqualTo(15);
    assertThat(stats.okCount()).isEqualTo(1);
    assertThat(stats.count()).isEqualTo(16);
  }

  @Test
  void throughputCountsSuccessesOverTheMeasuredSeconds() {
    OperationRecorder recorder = new OperationRecorder();
    for (int i = 0; i < 300; i++) {
      recorder.recordSuccess(1_000_000);
    }
    recorder.recordError("503");
    OperationStats stats = recorder.snapshot("read");

    assertThat(stats.throughput(60)).isEqualTo(5.0);
    assertThat(stats.throughput(0)).isZero();
  }

  @Test
  void theTotalMergesLatenciesAndErrors() {
    OperationRecorder reads = new OperationRecorder();
    OperationRecorder updates = new OperationRecorder();
    reads.recordSuccess(TimeUnit.MILLISECONDS.toNanos(1));
    reads.recordError("503");
    updates.recordSuccess(TimeUnit.MILLISECONDS.toNanos(100));
    updates.recordError("503");
    updates.recordError("get-timeout");

    OperationStats total =
        OperationStats.total("total", List.of(reads.snapshot("read"), updates.snapshot("update")));

    assertThat(total.okCount()).isEqualTo(2);
    assertThat(total.maxLatencyMillis()).isCloseTo(100, withinPercentage(0.1));
    assertThat(total.errorsText()).isEqualTo("503:2 get-timeout:1");
  }

  @Test
  void aSnapshotTakesOnlyWhatCameSinceTheLastOne() {
    OperationRecorder recorder = new OperationRecorder();
    recorder.recordSuccess(1_000_000);
    recorder.snapshot("read");
    recorder.recordSuccess(2_000_000);

    assertThat(recorder.snapshot("read").okCount()).isEqualTo(1);
  }
}
