package io.dynakv.bench;

import java.net.URI;
import java.util.List;
import java.util.SplittableRandom;

/** Picks the node each operation is sent to. Not thread-safe: each worker owns one. */
public interface TargetChooser {

  URI next();

  static TargetChooser create(List<URI> targets, TargetSpread spread, int worker, long seed) {
    return spread == TargetSpread.RANDOM ? random(targets, seed) : roundRobin(targets, worker);
  }

  /**
   * Starting each worker at a different target keeps the nodes evenly loaded even when there
   * are fewer threads than a multiple of the target count.
   */
  static TargetChooser roundRobin(List<URI> targets, int startIndex) {
    List<URI> copy = List.copyOf(targets);
    int[] position = {Math.floorMod(startIndex, copy.size())};
    return () -> {
      URI target = copy.get(position[0]);
      position[0] = (position[0] + 1) % copy.size();
      return target;
    };
  }

  static TargetChooser random(List<URI> targets, long seed) {
    List<URI> copy = List.copyOf(targets);
    SplittableRandom random = new SplittableRandom(seed);
    return () -> copy.get(random.nextInt(copy.size()));
  }
}
