package io.dynakv.node.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code dynakv_requests_seconds}: the latency of every key request this node answered, by
 * operation and outcome, as a histogram (1 ms to 10 s). Every combination exists from the
 * start, so a rate over a series that never moved is 0 rather than absent, and recording is
 * an array lookup.
 */
public final class RequestMetrics {

  static final Duration MIN = Duration.ofMillis(1);
  static final Duration MAX = Duration.ofSeconds(10);

  private final Timer[][] timers =
      new Timer[Operation.values().length][Outcome.values().length];

  RequestMetrics(MeterRegistry registry) {
    for (Operation op : Operation.values()) {
      for (Outcome outcome : Outcome.values()) {
        timers[op.ordinal()][outcome.ordinal()] =
            Timer.builder("dynakv.requests")
                .description("Key requests answered by this node, by operation and outcome")
                .tag("operation", op.label())
                .tag("outcome", outcome.label())
                .publishPercentileHistogram()
                .minimumExpectedValue(MIN)
                .maximumExpectedValue(MAX)
                .register(registry);
      }
    }
  }

  public void record(Operation op, Outcome outcome, long nanos) {
    timers[op.ordinal()][outcome.ordinal()].record(nanos, TimeUnit.NANOSECONDS);
  }

  /** The timer of one combination (tests read its count). */
  public Timer timer(Operation op, Outcome outcome) {
    return timers[op.ordinal()][outcome.ordinal()];
  }
}
