package io.dynakv.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One benchmark run from start to summary: optional preload, then warm-up and measured
 * interval on {@code threads} workers, with a progress line on {@code progress} every ten
 * seconds. Stops by itself at the end of the interval, or early on {@link #stop()}.
 */
public final class LoadRun {

  private static final long PROGRESS_EVERY_NANOS = TimeUnit.SECONDS.toNanos(10);
  /** After a stop, how long past the client timeout to wait for workers' last requests. */
  private static final long STOP_GRACE_NANOS = TimeUnit.SECONDS.toNanos(2);

  private final BenchSettings settings;
  private final KvClient client;
  private final PrintStream progress;
  private volatile boolean stopRequested;
  private volatile long stopRequestedAtNanos;

  public LoadRun(BenchSettings settings, KvClient client, PrintStream progress) {
    this.settings = settings;
    this.client = client;
    this.progress = progress;
  }

  /** Ends the run early; safe from any thread (the Ctrl-C hook calls it). */
  public void stop() {
    if (!stopRequested) {
      stopRequestedAtNanos = System.nanoTime();
      stopRequested = true;
    }
  }

  private boolean isStopRequested() {
    return stopRequested;
  }

  public RunSummary execute() throws InterruptedException {
    SplittableRandom seeds = new SplittableRandom(settings.seed());
    Optional<PreloadResult> preload = Optional.empty();
    if (settings.preload()) {
      progress.printf("preloading %d keys%n", settings.workload().keys());
      preload = Optional.of(new Preload(settings, client, this::isStopRequested).run(seeds.split()));
    }

    Pacing pacing = settings.pacing();
    RunWindow window = new RunWindow(System.nanoTime(), pacing.warmup(), pacing.duration());
    Measurements measurements = new Measurements(window);
    OpenLoopSchedule schedule =
        pacing.isOpenLoop()
            ? new OpenLoopSchedule(window.startNanos(), pacing.rate().getAsDouble())
            : null;
    if (!stopRequested) {
      progress.printf(
          "%s: %s warm-up, then %s measured%n",
          pacing.describeMode(),
          TextReport.duration(pacing.warmup()),
          TextReport.duration(pacing.duration()));
      CountDownLatch finished = startWorkers(window, schedule, measurements, seeds.split());
      awaitWorkers(finished, measurements);
    }

    // A run not cut short covered its whole interval, even if an open loop's workers finished
    // the last slot a little before the end.
    boolean cutShort = stopRequested && stopRequestedAtNanos - window.endNanos() < 0;
    long measuredNanos = window.measuredNanos(cutShort ? stopRequestedAtNanos : window.endNanos());
    List<OperationStats> operations = measurements.snapshot();
    OptionalLong unstarted = OptionalLong.empty();
    if (schedule != null) {
      long due =
          schedule.countBetween(window.measureFromNanos(), window.measureFromNanos() + measuredNanos);
      unstarted = OptionalLong.of(Math.max(0, due - measurements.completedInWindow()));
    }
    return new RunSummary(
        settings,
        preload,
        operations,
        OperationStats.total("total", operations),
        measuredNanos / (double) TimeUnit.SECONDS.toNanos(1),
        cutShort,
        unstarted);
  }

  private CountDownLatch startWorkers(
      RunWindow window, OpenLoopSchedule schedule, Measurements measurements, SplittableRandom seeds) {
    Pacer pacer =
        schedule != null
            ? new OpenLoopPacer(schedule, window.endNanos(), this::isStopRequested)
            : new ClosedLoopPacer(window.endNanos(), this::isStopRequested);
    Workload workload = settings.workload();
    ClientSettings clientSettings = settings.client();
    RankScrambler scrambler = RankScrambler.create(workload.keys(), seeds.nextLong());
    KeyNames keyNames = new KeyNames(Long.toString(System.currentTimeMillis(), Character.MAX_RADIX));
    int threads = settings.pacing().threads();
    CountDownLatch finished = new CountDownLatch(threads);
    for (int index = 0; index < threads; index++) {
      LoadWorker worker =
          new LoadWorker(
              pacer,
              workload.mix(),
              seeds.split(),
              KeyChooser.create(workload, scrambler, seeds.nextLong()),
              keyNames,
              KvOperations.withRandomValue(client, workload.bucket(), workload.valueSize(), seeds.nextLong()),
              measurements);
      Thread thread =
          new Thread(
              () -> {
                try {
                  worker.run();
                } finally {
                  finished.countDown();
                }
              },
              "bench-worker-" + index);
      // Daemon: a worker stuck in a request must not keep the JVM alive after the report.
      thread.setDaemon(true);
      thread.start();
    }
    return finished;
  }

  /**
   * Waits for the workers, printing progress. After a stop, waits no longer than the client
   * timeout (plus a grace), since no request outlives it; the recorders can be read even if a
   * straggler is still writing.
   */
  private void awaitWorkers(CountDownLatch finished, Measurements measurements)
      throws InterruptedException {
    long lastCompleted = 0;
    long lastAt = System.nanoTime();
    long stopLimit = settings.client().timeout().toNanos() + STOP_GRACE_NANOS;
    while (!finished.await(pollNanos(stopLimit), TimeUnit.NANOSECONDS)) {
      long now = System.nanoTime();
      if (stopRequested && now - stopRequestedAtNanos > stopLimit) {
        progress.println("some workers are still waiting for answers; reporting without them");
        return;
      }
      if (now - lastAt >= PROGRESS_EVERY_NANOS) {
        long completed = measurements.completed();
        progress.println(progressLine(measurements.window(), now, completed - lastCompleted, now - lastAt));
        lastCompleted = completed;
        lastAt = now;
      }
    }
  }

  private long pollNanos(long stopLimit) {
    return stopRequested ? Math.min(stopLimit, TimeUnit.MILLISECONDS.toNanos(200)) : TimeUnit.SECONDS.toNanos(1);
  }

  private static String progressLine(RunWindow window, long now, long completed, long overNanos) {
    String phase = now - window.measureFromNanos() < 0 ? "warm-up" : "measuring";
    long elapsedSeconds = TimeUnit.NANOSECONDS.toSeconds(now - window.startNanos());
    double rate = completed / (overNanos / (double) TimeUnit.SECONDS.toNanos(1));
    return String.format("[%4d s] %-9s %s ops/s", elapsedSeconds, phase, TextReport.number(rate));
  }
}
