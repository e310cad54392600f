package io.dynakv.bench;

import java.time.Duration;

/**
 * The run's timeline on the {@link System#nanoTime} clock: warm-up from the start, then the
 * measured interval, then the end. An operation belongs to the interval its (intended) start
 * falls in, so an operation begun during the warm-up never leaks into the results.
 */
public final class RunWindow {

  private final long startNanos;
  private final long measureFromNanos;
  private final long endNanos;

  public RunWindow(long startNanos, Duration warmup, Duration duration) {
    this.startNanos = startNanos;
    this.measureFromNanos = startNanos + warmup.toNanos();
    this.endNanos = measureFromNanos + duration.toNanos();
  }

  public long startNanos() {
    return startNanos;
  }

  public long measureFromNanos() {
    return measureFromNanos;
  }

  public long endNanos() {
    return endNanos;
  }

  public boolean isMeasured(long operationStartNanos) {
    return operationStartNanos >= measureFromNanos && operationStartNanos < endNanos;
  }

  /**
   * The length of the measured interval for a run that stopped at {@code stoppedAtNanos}: the
   * full duration unless it was cut short (Ctrl-C), zero if it stopped during the warm-up.
   */
  public long measuredNanos(long stoppedAtNanos) {
    return Math.max(0, Math.min(stoppedAtNanos, endNanos) - measureFromNanos);
  }
}
