package io.dynakv.cli;

import java.util.OptionalLong;

/**
 * Progress across the polls of a handoff watch. During a transition it counts partition
 * copies done of the most ever seen left in this epoch (at least the ring's moving
 * partitions); after the ring settled, objects handed off of the most seen pending since.
 * The ETA is the pending objects over the summed send rate.
 */
final class HandoffProgress {

  /** What one poll adds up to; {@code fraction} in [0, 1]. */
  record View(boolean copying, int copiesDone, int copiesTotal, double fraction, OptionalLong etaSeconds) {}

  private static final double MIN_RATE = 0.1;

  private long epoch = -1;
  private int mostCopiesLeft;
  private long mostPendingObjects;
  private boolean wasCopying;

  View update(HandoffSnapshot s) {
    OptionalLong eta = eta(s);
    if (s.copying()) {
      if (!wasCopying || s.epoch() != epoch) {
        epoch = s.epoch();
        mostCopiesLeft = 0;
      }
      wasCopying = true;
      mostCopiesLeft = Math.max(mostCopiesLeft, s.copiesLeft());
      int total = Math.max(s.movingPartitions(), mostCopiesLeft);
      int done = Math.max(0, total - s.copiesLeft());
      return new View(true, done, total, total == 0 ? 0 : (double) done / total, eta);
    }
    if (wasCopying) {
      wasCopying = false;
      mostPendingObjects = 0;
    }
    mostPendingObjects = Math.max(mostPendingObjects, s.pendingObjects());
    // Right after a settle the pending lists are still empty (a node lists its moves every
    // dynakv.handoff.interval): that is 0 done, not all of it.
    double fraction =
        mostPendingObjects == 0 ? 0 : 1 - (double) s.pendingObjects() / mostPendingObjects;
    return new View(false, 0, 0, s.done() ? 1 : fraction, eta);
  }

  static OptionalLong eta(HandoffSnapshot s) {
    if (s.done()) {
      return OptionalLong.of(0);
    }
    if (s.pendingObjects() == 0 || s.objectsPerSecond() < MIN_RATE) {
      return OptionalLong.empty();
    }
    return OptionalLong.of((long) Math.ceil(s.pendingObjects() / s.objectsPerSecond()));
  }
}
