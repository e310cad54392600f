package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Whole runs against the in-memory store: short, but every moving part is real. */
class LoadRunTest {

  private static final PrintStream QUIET = new PrintStream(new ByteArrayOutputStream());

  @Test
  void aClosedLoopRunMeasuresEveryOperationTypeAndStopsOnTime() throws Exception {
    InMemoryKvClient store = new InMemoryKvClient().withLatencyMillis(1);
    BenchSettings settings = settings(OperationMix.of(0.4, 0.4, 0.2), OptionalDouble.empty(), 300, true);

    long start = System.nanoTime();
    RunSummary summary = new LoadRun(settings, store, QUIET).execute();
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis).isLessThan(3000);
    assertThat(summary.measuredSeconds()).isEqualTo(0.3);
    assertThat(summary.interrupted()).isFalse();
    assertThat(summary.preload().orElseThrow().stats().okCount()).isEqualTo(50);
    assertThat(summary.operations()).allSatisfy(stats -> assertThat(stats.okCount()).isPositive());
    assertThat(summary.total().errorCount()).isZero();
    assertThat(summary.unstarted()).isEmpty();
  }

  @Test
  void anOpenLoopRunIssuesTheScheduledNumberOfOperations() throws Exception {
    BenchSettings settings = settings(OperationMix.of(1, 0, 0), OptionalDouble.of(200), 1000, false);

    RunSummary summary = new LoadRun(settings, new InMemoryKvClient(), QUIET).execute();

    // 200 ops/s over a 1 s measured interval; the warm-up's 20 are discarded. A slot the
    // generator could not start before the end is counted as unstarted, not lost.
    assertThat(summary.total().count() + summary.unstarted().getAsLong()).isEqualTo(200);
    assertThat(summary.total().count()).isGreaterThanOrEqualTo(190);
    assertThat(summary.measuredSeconds()).isEqualTo(1.0);
    assertThat(summary.interrupted()).isFalse();
  }

  @Test
  void anOverloadedOpenLoopChargesTheBacklogToLatency() throws Exception {
    // One thread, 10 ms per request, asked for 400/s: it can do 100/s, so the lag grows.
    InMemoryKvClient slow = new InMemoryKvClient().withLatencyMillis(10);
    BenchSettings settings =
        withThreads(settings(OperationMix.of(1, 0, 0), OptionalDouble.of(400), 500, false), 1);

    RunSummary summary = new LoadRun(settings, slow, QUIET).execute();

    assertThat(summary.total().maxLatencyMillis()).isGreaterThan(100);
    assertThat(summary.unstarted().getAsLong()).isPositive();
  }

  @Test
  void errorsAreReportedByKind() throws Exception {
    InMemoryKvClient store = new InMemoryKvClient().failNext(Integer.MAX_VALUE, 503);
    BenchSettings settings = settings(OperationMix.of(0.5, 0.5, 0), OptionalDouble.empty(), 200, false);

    RunSummary summary = new LoadRun(settings, store, QUIET).execute();

    assertThat(summary.operations().get(0).errorsByKind()).containsOnlyKeys("503");
    assertThat(summary.operations().get(1).errorsByKind()).containsOnlyKeys("get-503");
    assertThat(summary.total().okCount()).isZero();
  }

  @Test
  void aStopEndsTheRunEarlyWithWhatWasMeasured() throws Exception {
    InMemoryKvClient store = new InMemoryKvClient().withLatencyMillis(1);
    BenchSettings settings = settings(OperationMix.of(0.5, 0.5, 0), OptionalDouble.empty(), 60_000, false);
    LoadRun run = new LoadRun(settings, store, QUIET);

    CompletableFuture<RunSummary> summary =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return run.execute();
              } catch (InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(400);
    run.stop();

    RunSummary stopped = summary.get(5, TimeUnit.SECONDS);
    assertThat(stopped.interrupted()).isTrue();
    assertThat(stopped.measuredSeconds()).isBetween(0.2, 2.0);
    assertThat(stopped.total().okCount()).isPositive();
  }

  private static BenchSettings settings(
      OperationMix mix, OptionalDouble rate, long durationMillis, boolean preload) {
    return new BenchSettings(
        new Workload("bench", 50, 64, mix, KeyDistribution.ZIPFIAN, 0.99),
        new Pacing(4, Duration.ofMillis(100), Duration.ofMillis(durationMillis), rate),
        new ClientSettings(
            List.of(URI.create("http://a:1"), URI.create("http://b:1")),
            io.dynakv.client.Routing.ANY_NODE,
            OptionalInt.empty(),
            OptionalInt.empty(),
            OptionalInt.empty(),
            Duration.ofSeconds(1)),
        preload,
        17);
  }

  private static BenchSettings withThreads(BenchSettings settings, int threads) {
    Pacing pacing = settings.pacing();
    return new BenchSettings(
        settings.workload(),
        new Pacing(threads, pacing.warmup(), pacing.duration(), pacing.rate()),
        settings.client(),
        settings.preload(),
        settings.seed());
  }
}
