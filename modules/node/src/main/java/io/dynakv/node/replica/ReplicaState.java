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
 *
 * <p>It also holds what makes this copy's dots unique without growing every key's clock (the
 * scheme of Riak's per-key epochs):
 *
 * <ul>
 *   <li>{@code writerBase}: this copy's writer id, chosen once ({@code node/tag}) and kept;
 *   <li>{@code epoch}: how many times this copy has dropped keys (handoff, reaping);
 *   <li>for each key held, the epoch in which it was last created here (it was absent before).
 * </ul>
 *
 * A key's dots are issued by {@code writerBase} in the epoch its object was created in. While
 * the object stays here every dot of that writer for the key is in it, so the next one (one
 * past its clock entry) is new. Once dropped, a key that comes back is created in a later epoch
 * and so gets another writer, whose dots for it were never issued. Keys that were not dropped
 * keep their writer: a drop costs a clock entry only to the keys it dropped.
 */
public final class ReplicaState {

  private static final ReplicaState EMPTY =
      new ReplicaState(HashTreePMap.empty(), HashTreePMap.empty(), 0L, null, 0L);

  private final PMap<Key, DvvSet> objects;
  // Only keys created in an epoch other than 0, to keep the common case free.
  private final PMap<Key, Long> createdIn;
  private final long bytes;
  private final String writerBase;
  private final long epoch;

  private ReplicaState(
      PMap<Key, DvvSet> objects, PMap<Key, Long> createdIn, long bytes, String writerBase, long epoch) {
    this.objects = objects;
    this.createdIn = createdIn;
    this.bytes = bytes;
    this.writerBase = writerBase;
    this.epoch = epoch;
  }

  public static ReplicaState empty() {
    return EMPTY;
  }

  /** This copy's writer id, or null before its first coordinated write. */
  public String writerBase() {
    return writerBase;
  }

  public ReplicaState withWriterBase(String base) {
    return new ReplicaState(objects, createdIn, bytes, base, epoch);
  }

  public long epoch() {
    return epoch;
  }

  /** The epoch {@code key}'s object was created in here (the current one if it is absent). */
  public long epochOf(Key key) {
    if (!objects.containsKey(key)) {
      return epoch;
    }
    Long created = createdIn.get(key);
    return created == null ? 0L : created;
  }

  /**
   * The writer id that issues this copy's dots for {@code key}, or null before a writer base
   * was chosen. Epoch 0 is the bare base, so a copy that never dropped anything names one
   * writer only.
   */
  public String writerFor(Key key) {
    if (writerBase == null) {
      return null;
    }
    long e = epochOf(key);
    return e == 0 ? writerBase : writerBase + "/" + e;
  }

  public DvvSet get(Key key) {
    DvvSet object = objects.get(key);
    return object == null ? DvvSet.empty() : object;
  }

  public ReplicaState with(Key key, DvvSet object) {
    DvvSet previous = objects.get(key);
    long delta = object.sizeBytes() - (previous == null ? 0 : previous.sizeBytes());
    PMap<Key, Long> created = createdIn;
    if (previous == null && epoch != 0) {
      created = created.plus(key, epoch);
    }
    return new ReplicaState(objects.plus(key, object), created, bytes + delta, writerBase, epoch);
  }

  /** Restores a key with the epoch it was created in (from a snapshot). */
  ReplicaState restored(Key key, DvvSet object, long createdInEpoch) {
    PMap<Key, Long> created = createdInEpoch == 0 ? createdIn : createdIn.plus(key, createdInEpoch);
    return new ReplicaState(
        objects.plus(key, object), created, bytes + object.sizeBytes(), writerBase, epoch);
  }

  ReplicaState withEpoch(long e) {
    return new ReplicaState(objects, createdIn, bytes, writerBase, e);
  }

  /** Forgets {@code keys} and starts a new epoch: keys that come back get a new writer. */
  public ReplicaState without(Iterable<Key> keys) {
    PMap<Key, DvvSet> remaining = objects;
    PMap<Key, Long> created = createdIn;
    long remainingBytes = bytes;
    for (Key key : keys) {
      DvvSet previous = remaining.get(key);
      if (previous != null) {
        remainingBytes -= previous.sizeBytes();
        remaining = remaining.minus(key);
        created = created.minus(key);
      }
    }
    return new ReplicaState(remaining, created, remainingBytes, writerBase, epoch + 1);
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
