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

  /**
   * The write reached W replicas and only the caller's version remains (or, for a delete, only
   * tombstones): the context is that of the stored object and covers nothing the caller has not
   * seen.
   */
  record Written(Key key, VersionVector context) implements KvResponse {}

  /**
   * The write reached W replicas, but versions the caller's context did not cover remain beside
   * its own (concurrent writes): every sibling is returned, with the context of exactly these
   * versions, as a read would answer. Like Riak's {@code returnbody}; over HTTP it is a 300.
   */
  record WrittenWithSiblings(Key key, DvvSet object) implements KvResponse {}

  /** The answer to a write that stored {@code object} on W replicas. */
  static KvResponse written(Key key, DvvSet object) {
    return object.showsSiblings()
        ? new WrittenWithSiblings(key, object)
        : new Written(key, object.context());
  }

  /** The request itself is wrong: which field, and why. */
  record Rejected(String field, String detail, boolean tooLarge) implements KvResponse {}

  /**
   * Fewer than R/W replicas answered in time. For a write, the value may still exist on the
   * replicas that acknowledged it (the paper's semantics).
   */
  record Unavailable(String error, int acks, int required, String detail) implements KvResponse {}
}
