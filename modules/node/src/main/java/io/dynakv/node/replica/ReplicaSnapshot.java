package io.dynakv.node.replica;

import akka.persistence.typed.SnapshotAdapter;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.node.CborSerializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A partition replica's state as stored in the snapshot store: the plain list of objects, the
 * copy's writer base and epoch, and each key's creation epoch. {@code dotId} is read from
 * snapshots of earlier versions only, and ignored (see {@link PartitionReplica}).
 */
public record ReplicaSnapshot(String dotId, List<Held> entries, String writerBase, Long epoch)
    implements CborSerializable {

  /** One object (in batches of objects sent between replicas too). */
  public record Entry(Key key, DvvSet object) {}

  /** One object as the snapshot holds it; {@code createdIn} null means epoch 0. */
  public record Held(Key key, DvvSet object, Long createdIn) {}

  static ReplicaSnapshot of(ReplicaState state) {
    List<Held> entries = new ArrayList<>(state.size());
    for (Map.Entry<Key, DvvSet> e : state.objects().entrySet()) {
      long created = state.epochOf(e.getKey());
      entries.add(new Held(e.getKey(), e.getValue(), created == 0 ? null : created));
    }
    return new ReplicaSnapshot(null, entries, state.writerBase(), state.epoch());
  }

  ReplicaState toState() {
    ReplicaState state =
        ReplicaState.empty().withWriterBase(writerBase).withEpoch(epoch == null ? 0L : epoch);
    for (Held e : entries) {
      state = state.restored(e.key(), e.object(), e.createdIn() == null ? 0L : e.createdIn());
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
