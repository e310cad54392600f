package io.dynakv.client;

import java.time.Instant;
import java.util.Optional;

/**
 * One concurrent version of a key, as a read or a write that left siblings lists it: a value,
 * or a tombstone (a delete concurrent with the other versions).
 *
 * @param value null for a tombstone
 * @param lastModified when the node that coordinated the write stored it (its clock, not a
 *     version: use it to break ties, never to order writes)
 */
public record Sibling(Value value, Instant lastModified) {

  public static Sibling tombstone(Instant lastModified) {
    return new Sibling(null, lastModified);
  }

  public boolean isTombstone() {
    return value == null;
  }

  public Optional<Value> valueIfAny() {
    return Optional.ofNullable(value);
  }
}
