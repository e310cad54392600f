package io.dynakv.bench;

/**
 * Decides when each worker issues its next operation. Shared by all workers of a run.
 */
public interface Pacer {

  /** Returned by {@link #awaitNext} when the run is over. */
  long STOP = Long.MIN_VALUE;

  /**
   * Blocks until the next operation is due.
   *
   * @return the operation's intended start on the {@link System#nanoTime} clock, or
   *     {@link #STOP}
   */
  long awaitNext() throws InterruptedException;
}
