package io.dynakv.node.handoff;

import java.util.ArrayDeque;
import java.util.Deque;

/** Objects per second over the last ten seconds, for the handoff's progress report. */
final class RateWindow {

  private static final long WINDOW_NANOS = 10_000_000_000L;

  private record Sample(long nanos, long count) {}

  private final Deque<Sample> samples = new ArrayDeque<>();
  private long total;

  void add(long nowNanos, long count) {
    samples.addLast(new Sample(nowNanos, count));
    total += count;
    expire(nowNanos);
  }

  double perSecond(long nowNanos) {
    expire(nowNanos);
    return total * 1e9 / WINDOW_NANOS;
  }

  private void expire(long nowNanos) {
    while (!samples.isEmpty() && nowNanos - samples.peekFirst().nanos() > WINDOW_NANOS) {
      total -= samples.removeFirst().count();
    }
  }
}
