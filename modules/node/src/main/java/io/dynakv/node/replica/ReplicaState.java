package io.dynakv.node.replica;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.pcollections.HashTreePMap;
import org.pcollections.PMap;

/**
 * The objects one partition replica holds. A persistent (structurally shared) map, so every
 * write makes a new state in O(log n) and a snapshot can serialise a state while the actor
 * has already moved on to the next one.
 */
public final class ReplicaState implements CborSerializable {

  /** One stored object, the unit of snapshots and transfers. */
  public record Entry(Key key, DvvSet object) {}

  private static final ReplicaState EMPTY = new ReplicaState(HashTreePMap.empty(), 0L);

  private final PMap<Key, DvvSet> objects;
  private final long bytes;

  private ReplicaState(PMap<Key, DvvSet> objects, long bytes) {
    this.objects = objects;
    this.bytes = bytes;
  }

  public static ReplicaState empty() {
    return EMPTY;
  }

  @JsonCreator
  static ReplicaState fromEntries(@JsonProperty("entries") List<Entry> entries) {
    ReplicaState state = EMPTY;
    for (Entry e : entries) {
      state = state.with(e.key(), e.object());
    }
    return state;
  }

  @JsonProperty("entries")
  List<Entry> entries() {
    List<Entry> list = new ArrayList<>(objects.size());
    for (Map.Entry<Key, DvvSet> e : objects.entrySet()) {
      list.add(new Entry(e.getKey(), e.getValue()));
    }
    return list;
  }

  public DvvSet get(Key key) {
    DvvSet object = objects.get(key);
    return object == null ? DvvSet.empty() : object;
  }

  public ReplicaState with(Key key, DvvSet object) {
    DvvSet previous = objects.get(key);
    long delta = object.sizeBytes() - (previous == null ? 0 : previous.sizeBytes());
    return new ReplicaState(objects.plus(key, object), bytes + delta);
  }

  @JsonIgnore
  public int size() {
    return objects.size();
  }

  @JsonIgnore
  public long bytes() {
    return bytes;
  }

  @JsonIgnore
  public Map<Key, DvvSet> objects() {
    return objects;
  }
}
