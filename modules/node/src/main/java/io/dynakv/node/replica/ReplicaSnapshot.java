package io.dynakv.node.replica;

import akka.persistence.typed.SnapshotAdapter;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A partition replica's state as stored in the snapshot store: the plain list of objects. */
public record ReplicaSnapshot(String dotId, List<Entry> entries) implements CborSerializable {

  /** One stored object. */
  public record Entry(Key key, DvvSet object) {}

  static ReplicaSnapshot of(ReplicaState state) {
    List<Entry> entries = new ArrayList<>(state.size());
    for (Map.Entry<Key, DvvSet> e : state.objects().entrySet()) {
      entries.add(new Entry(e.getKey(), e.getValue()));
    }
    return new ReplicaSnapshot(state.dotId(), entries);
  }

  ReplicaState toState() {
    ReplicaState state = ReplicaState.empty().withDotId(dotId);
    for (Entry e : entries) {
      state = state.with(e.key(), e.object());
    }
    return state;
  }

  static final SnapshotAdapter<ReplicaState> ADAPTER =
      new SnapshotAdapter<>() {
        @Override
        public Object toJournal(ReplicaState state) {
          return of(state);
        }

        @Override
        public ReplicaState fromJournal(Object from) {
          return ((ReplicaSnapshot) from).toState();
        }
      };
}
