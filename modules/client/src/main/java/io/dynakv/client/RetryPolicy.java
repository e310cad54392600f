package io.dynakv.client;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often a request goes round the candidate nodes and how long it waits between rounds.
 * One round tries each candidate once, moving on at once when a node fails (failover); between
 * rounds the client waits an exponential backoff with jitter: round k (from 1) waits a random
 * time in {@code [d/2, d]} with {@code d = min(maxBackoff, initialBackoff * 2^(k-1))}, so that
 * clients that failed together do not come back together.
 *
 * @param rounds how many times at most the candidates are tried; 1 is failover only
 */
public record RetryPolicy(int rounds, Duration initialBackoff, Duration maxBackoff) {

  public RetryPolicy {
    if (rounds < 1) {
      throw new IllegalArgumentException("rounds must be >= 1, got " + rounds);
    }
    if (initialBackoff.isNegative() || maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException("need 0 <= initialBackoff <= maxBackoff");
    }
  }

  /** 4 rounds, backoff from 100 ms up to 2 s. */
  public static RetryPolicy defaults() {
    return new RetryPolicy(4, Duration.ofMillis(100), Duration.ofSeconds(2));
  }

  /** One round: each candidate node is tried once, without waiting. */
  public static RetryPolicy failoverOnly() {
    return new RetryPolicy(1, Duration.ZERO, Duration.ZERO);
  }

  /**
   * The wait after failed round {@code round} (from 1).
   *
   * @param random uniform in [0, 1)
   */
  public Duration backoff(int round, DoubleSupplier random) {
    long initial = initialBackoff.toNanos();
    long cap = maxBackoff.toNanos();
    int shift = Math.min(Math.max(round - 1, 0), 30);
    long full = initial > (cap >> shift) ? cap : Math.min(cap, initial << shift);
    long half = full / 2;
    return Duration.ofNanos(half + (long) (random.getAsDouble() * (full - half)));
  }
}
