package io.dynakv.bench;

import java.util.SplittableRandom;
import org.apache.commons.math3.distribution.ZipfDistribution;
import org.apache.commons.math3.random.Well19937c;

/**
 * Draws the index of the next key to read or update. Not thread-safe: each worker owns one,
 * seeded from the run seed, so a run is reproducible.
 */
public interface KeyChooser {

  /** @return a key index in {@code [0, keys)} */
  int nextKeyIndex();

  static KeyChooser create(Workload workload, RankScrambler scrambler, long seed) {
    switch (workload.distribution()) {
      case ZIPFIAN:
        return zipfian(workload.keys(), workload.zipfExponent(), scrambler, seed);
      case UNIFORM:
      default:
        return uniform(workload.keys(), seed);
    }
  }

  static KeyChooser uniform(int keys, long seed) {
    SplittableRandom random = new SplittableRandom(seed);
    return () -> random.nextInt(keys);
  }

  /**
   * Zipf over popularity ranks (commons-math3 samples by rejection-inversion: constant time, no
   * table), mapped to keys through the shared scrambler.
   */
  static KeyChooser zipfian(int keys, double exponent, RankScrambler scrambler, long seed) {
    ZipfDistribution ranks = new ZipfDistribution(new Well19937c(seed), keys, exponent);
    return () -> scrambler.keyIndex(ranks.sample());
  }
}
