package io.dynakv.bench;

import java.math.BigInteger;
import java.util.SplittableRandom;

/**
 * A bijection from popularity rank (1 = hottest) to key index in {@code [0, keys)}:
 * {@code index = (multiplier * (rank - 1) + offset) mod keys}, with the multiplier coprime to
 * the key space. Without it the hot set would be key0, key1, key2…, and any layout that groups
 * neighbouring names (a range partitioner, a prefix-sorted store) would pile the hot keys onto
 * one partition. An affine map costs no memory for any key space, unlike a shuffled table, and
 * with a multiplier near {@code keys / φ} neighbouring ranks land far apart.
 *
 * <p>Every worker must share one scrambler, or each would have its own hot set.
 */
public final class RankScrambler {

  private static final double INVERSE_GOLDEN_RATIO = 0.6180339887498949;

  private final long keys;
  private final long multiplier;
  private final long offset;

  private RankScrambler(long keys, long multiplier, long offset) {
    this.keys = keys;
    this.multiplier = multiplier;
    this.offset = offset;
  }

  public static RankScrambler create(int keys, long seed) {
    if (keys < 1) {
      throw new IllegalArgumentException("key space must hold at least one key, got " + keys);
    }
    SplittableRandom random = new SplittableRandom(seed);
    long jitter = keys > 8 ? random.nextLong(keys / 8) : 0;
    long multiplier = coprimeAtOrAbove(Math.max(1, (long) (keys * INVERSE_GOLDEN_RATIO) + jitter), keys);
    long offset = random.nextLong(keys);
    return new RankScrambler(keys, multiplier, offset);
  }

  /** The identity map, for tests and for anyone who wants the hot keys to be key0, key1, …. */
  public static RankScrambler identity(int keys) {
    return new RankScrambler(keys, 1, 0);
  }

  /**
   * @param rank a popularity rank in {@code [1, keys]}
   * @return the key index that rank stands for in this run
   */
  public int keyIndex(int rank) {
    // multiplier < 2^31 and rank - 1 < 2^31, so the product fits in a long.
    return (int) ((multiplier % keys * (rank - 1) + offset) % keys);
  }

  private static long coprimeAtOrAbove(long candidate, long modulus) {
    long value = candidate;
    while (BigInteger.valueOf(value).gcd(BigInteger.valueOf(modulus)).longValue() != 1) {
      value++;
    }
    return value;
  }
}
