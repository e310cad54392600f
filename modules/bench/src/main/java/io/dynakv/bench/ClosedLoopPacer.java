package io.dynakv.bench;

import java.util.function.BooleanSupplier;

/**
 * Each worker goes again as soon as its previous operation answered: the store sets the pace,
 * and an operation is due when it starts (so nothing waits behind schedule).
 */
public final class ClosedLoopPacer implements Pacer {

  private final long endNanos;
  private final BooleanSupplier stopRequested;

  public ClosedLoopPacer(long endNanos, BooleanSupplier stopRequested) {
    this.endNanos = endNanos;
    this.stopRequested = stopRequested;
  }

  @Override
  public long awaitNext() {
    long now = System.nanoTime();
    return stopRequested.getAsBoolean() || now - endNanos >= 0 ? STOP : now;
  }
}
