package io.dynakv.bench;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * How hard and how long the generator pushes.
 *
 * @param rate total operations per second for an open loop; empty for a closed loop, where
 *     each thread issues its next operation as soon as the previous one answers
 */
public record Pacing(int threads, Duration warmup, Duration duration, OptionalDouble rate) {

  public boolean isOpenLoop() {
    return rate.isPresent();
  }

  public String describeMode() {
    return isOpenLoop()
        ? String.format("open loop at %s ops/s", TextReport.number(rate.getAsDouble()))
        : "closed loop";
  }
}
