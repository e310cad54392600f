package io.dynakv.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * Writes every key of the key space once, before the warm-up, so reads find values of the
 * configured size instead of 404s. Each key is read first and written with its context: a
 * re-run over the same bucket then replaces the old value rather than adding a sibling to it,
 * which would double the size of every later read.
 */
public final class Preload {

  private final BenchSettings settings;
  private final KvClient client;
  private final BooleanSupplier stopRequested;

  public Preload(BenchSettings settings, KvClient client, BooleanSupplier stopRequested) {
    this.settings = settings;
    this.client = client;
    this.stopRequested = stopRequested;
  }

  public PreloadResult run(SplittableRandom seeds) throws InterruptedException {
    Workload workload = settings.workload();
    OperationRecorder recorder = new OperationRecorder();
    AtomicInteger nextKey = new AtomicInteger();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    for (int worker = 0; worker < settings.pacing().threads(); worker++) {
      KvOperations operations =
          KvOperations.withRandomValue(client, workload.bucket(), workload.valueSize(), seeds.nextLong());
      Runnable writer = () -> writeKeys(nextKey, operations, recorder);
      Thread thread = new Thread(writer, "bench-preload-" + worker);
      thread.setDaemon(true);
      thread.start();
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    double seconds = (System.nanoTime() - start) / (double) TimeUnit.SECONDS.toNanos(1);
    return new PreloadResult(recorder.snapshot("preload"), seconds);
  }

  private void writeKeys(
      AtomicInteger nextKey, KvOperations operations, OperationRecorder recorder) {
    int keys = settings.workload().keys();
    try {
      int index;
      while (!stopRequested.getAsBoolean() && (index = nextKey.getAndIncrement()) < keys) {
        KvOperations.Outcome outcome = operations.update(KeyNames.existing(index));
        if (outcome.isOk()) {
          recorder.recordSuccess(outcome.latencyNanos());
        } else {
          recorder.recordError(outcome.errorKind());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
