package io.dynakv.bench;

/**
 * The fixed timetable of an open loop: operation {@code i} is meant to start at
 * {@code start + i / rate}, whatever happened to the ones before it. Latency is measured from
 * that intended start, so time an operation spent waiting because the system (or the
 * generator) fell behind is counted instead of hidden — the "coordinated omission" a closed
 * loop commits when a slow answer silently delays the next request.
 */
public final class OpenLoopSchedule {

  private static final double NANOS_PER_SECOND = 1e9;

  private final long startNanos;
  private final double ratePerSecond;

  public OpenLoopSchedule(long startNanos, double ratePerSecond) {
    if (!(ratePerSecond > 0) || Double.isInfinite(ratePerSecond)) {
      throw new IllegalArgumentException("rate must be a positive number, got " + ratePerSecond);
    }
    this.startNanos = startNanos;
    this.ratePerSecond = ratePerSecond;
  }

  /** @param index the operation's position in the schedule, from 0 */
  public long intendedStartNanos(long index) {
    // index * 1e9 is exact up to ~9e6 slots and the division is rounded once, so slot times
    // do not drift the way adding a rounded interval slot after slot would.
    return startNanos + (long) (index * NANOS_PER_SECOND / ratePerSecond);
  }

  /** The index of the first operation meant to start at or after {@code nanos}. */
  public long firstIndexAtOrAfter(long nanos) {
    if (nanos <= startNanos) {
      return 0;
    }
    long index = (long) Math.ceil((nanos - startNanos) * ratePerSecond / NANOS_PER_SECOND);
    // The division above is in doubles; settle the last step against the exact timetable.
    while (index > 0 && intendedStartNanos(index - 1) >= nanos) {
      index--;
    }
    while (intendedStartNanos(index) < nanos) {
      index++;
    }
    return index;
  }

  /** How many operations are meant to start in {@code [fromNanos, toNanos)}. */
  public long countBetween(long fromNanos, long toNanos) {
    return Math.max(0, firstIndexAtOrAfter(toNanos) - firstIndexAtOrAfter(fromNanos));
  }
}
