package io.dynakv.node.api;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.CborSerializable;

/** Every answer a get, put or delete can get, whichever way it came in. */
public sealed interface KvResponse extends CborSerializable {

  /** One or more versions (siblings; a tombstone may be among them) and their context. */
  record Found(Key key, DvvSet object) implements KvResponse {}

  /** No live version. The context is non-empty when a tombstone exists. */
  record NotFound(Key key, VersionVector context) implements KvResponse {}

  /** The write reached W replicas; the context is that of the stored object. */
  record Written(Key key, VersionVector context) implements KvResponse {}

  /** The request itself is wrong: which field, and why. */
  record Rejected(String field, String detail, boolean tooLarge) implements KvResponse {}

  /**
   * Fewer than R/W replicas answered in time. For a write, the value may still exist on the
   * replicas that acknowledged it (the paper's semantics).
   */
  record Unavailable(String error, int acks, int required, String detail) implements KvResponse {}
}
