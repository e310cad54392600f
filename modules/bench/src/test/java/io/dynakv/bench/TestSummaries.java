package io.dynakv.bench;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** Settings and summaries with known numbers for the report tests. */
final class TestSummaries {

  private TestSummaries() {}

  static BenchSettings settings(OptionalDouble rate) {
    return new BenchSettings(
        new Workload("bench", 10_000, 1024, OperationMix.of(0.5, 0.5, 0), KeyDistribution.UNIFORM, 0.99),
        new Pacing(16, Duration.ofSeconds(30), Duration.ofSeconds(60), rate),
        new ClientSettings(
            List.of(URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082")),
            io.dynakv.client.Routing.ANY_NODE,
            OptionalInt.of(2),
            OptionalInt.of(2),
            OptionalInt.empty(),
            Duration.ofMillis(5000)),
        true,
        42);
  }

  /**
   * 600 reads of 2 ms, 300 updates of 1.5 ms plus 12 503s and 3 timeouts, no inserts; 60 s.
   * Both below 2.048 ms, where a 3-digit histogram still tells every microsecond apart.
   */
  static RunSummary closedLoop() {
    OperationRecorder read = new OperationRecorder();
    OperationRecorder update = new OperationRecorder();
    for (int i = 0; i < 600; i++) {
      read.recordSuccess(TimeUnit.MILLISECONDS.toNanos(2));
    }
    for (int i = 0; i < 300; i++) {
      update.recordSuccess(TimeUnit.MICROSECONDS.toNanos(1500));
    }
    for (int i = 0; i < 12; i++) {
      update.recordError("503");
    }
    for (int i = 0; i < 3; i++) {
      update.recordError("timeout");
    }
    List<OperationStats> operations =
        List.of(read.snapshot("read"), update.snapshot("update"), new OperationRecorder().snapshot("insert"));
    OperationRecorder preload = new OperationRecorder();
    preload.recordSuccess(1_000_000);
    return new RunSummary(
        settings(OptionalDouble.empty()),
        Optional.of(new PreloadResult(preload.snapshot("preload"), 1.5)),
        operations,
        OperationStats.total("total", operations),
        60.0,
        false,
        OptionalLong.empty());
  }
}
