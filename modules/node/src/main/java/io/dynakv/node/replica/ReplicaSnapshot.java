package io.dynakv.node.replica;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;

/** Objects of a replica as they travel in batches (handoff, anti-entropy, reaping). */
public final class ReplicaSnapshot {

  private ReplicaSnapshot() {}

  /** One key's object. */
  public record Entry(Key key, DvvSet object) {}
}
