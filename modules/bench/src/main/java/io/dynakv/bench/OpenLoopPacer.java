package io.dynakv.bench;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Hands out the slots of an {@link OpenLoopSchedule} in order to whichever worker is free. A
 * worker that gets a slot already past sleeps not at all, and the lag is charged to that
 * operation's latency; when every worker is busy the slots pile up and the lag grows, which
 * is how an overloaded store shows in an open loop.
 */
public final class OpenLoopPacer implements Pacer {

  /** Sleep in short steps so a Ctrl-C is noticed even at one operation a minute. */
  private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

  private final OpenLoopSchedule schedule;
  private final long endNanos;
  private final BooleanSupplier stopRequested;
  private final AtomicLong nextSlot = new AtomicLong();

  public OpenLoopPacer(OpenLoopSchedule schedule, long endNanos, BooleanSupplier stopRequested) {
    this.schedule = schedule;
    this.endNanos = endNanos;
    this.stopRequested = stopRequested;
  }

  /**
   * Slots due before the end but not yet started when it comes are left undone: the run must
   * stop on time. The report counts them (see {@link OpenLoopSchedule#countBetween}).
   */
  @Override
  public long awaitNext() throws InterruptedException {
    long intended = schedule.intendedStartNanos(nextSlot.getAndIncrement());
    if (intended - endNanos >= 0) {
      return STOP;
    }
    while (true) {
      if (stopRequested.getAsBoolean()) {
        return STOP;
      }
      if (Thread.interrupted()) {
        throw new InterruptedException();
      }
      long now = System.nanoTime();
      if (now - endNanos >= 0) {
        return STOP;
      }
      long wait = intended - now;
      if (wait <= 0) {
        return intended;
      }
      LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
    }
  }
}
