package io.dynakv.bench;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Names of the keys the generator touches: {@code key<index>} for the key space read and
 * updated, and names unique to this run for inserts, so an insert never lands on a key an
 * earlier run wrote (a context-free PUT there would add a sibling instead of creating a key).
 */
public final class KeyNames {

  private final String insertPrefix;
  private final AtomicLong inserted = new AtomicLong();

  /** @param runTag distinguishes this run's inserted keys from every other run's */
  public KeyNames(String runTag) {
    this.insertPrefix = "ins-" + runTag + "-";
  }

  public static String existing(int index) {
    return "key" + index;
  }

  /** Thread-safe: workers share one {@code KeyNames}. */
  public String fresh() {
    return insertPrefix + inserted.getAndIncrement();
  }
}
