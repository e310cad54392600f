package io.dynakv.node.replica;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The objects one partition replica holds. A persistent (structurally shared) map, so every
 * write makes a new state in O(log n) and a snapshot can serialise a state while the actor
 * has already moved on to the next one.
 */
public final class ReplicaState {

  private static final ReplicaState EMPTY = new ReplicaState(HashTreePMap.empty(), 0L, null);

  private final PMap<Key, DvvSet> objects;
  private final long bytes;
  private final String dotId;

  private ReplicaState(PMap<Key, DvvSet> objects, long bytes, String dotId) {
    this.objects = objects;
    this.bytes = bytes;
    this.dotId = dotId;
  }

  /**
   * The id this replica copy puts in the dots of the writes it coordinates, or null before its
   * first one. Unique per copy: two copies on one node (an owned one and a fallback, or a
   * fallback retired and made again) never issue the same dot for different values.
   */
  public String dotId() {
    return dotId;
  }

  public ReplicaState withDotId(String id) {
    return new ReplicaState(objects, bytes, id);
  }

  public static ReplicaState empty() {
    return EMPTY;
  }


  public DvvSet get(Key key) {
    DvvSet object = objects.get(key);
    return object == null ? DvvSet.empty() : object;
  }

  public ReplicaState with(Key key, DvvSet object) {
    DvvSet previous = objects.get(key);
    long delta = object.sizeBytes() - (previous == null ? 0 : previous.sizeBytes());
    return new ReplicaState(objects.plus(key, object), bytes + delta, dotId);
  }

  public ReplicaState without(Iterable<Key> keys) {
    PMap<Key, DvvSet> remaining = objects;
    long remainingBytes = bytes;
    for (Key key : keys) {
      DvvSet previous = remaining.get(key);
      if (previous != null) {
        remainingBytes -= previous.sizeBytes();
        remaining = remaining.minus(key);
      }
    }
    return new ReplicaState(remaining, remainingBytes, dotId);
  }

  public int size() {
    return objects.size();
  }

  public long bytes() {
    return bytes;
  }

  public Map<Key, DvvSet> objects() {
    return objects;
  }
}
