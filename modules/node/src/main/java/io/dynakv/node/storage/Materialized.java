package io.dynakv.node.storage;

/**
 * An event the journal applies to the node's store instead of keeping it: its effect (an
 * object's new version, dropped objects, a replica's writer) goes into the same atomic batch
 * as the sequence number, so the store always holds the state after the last persisted event
 * and recovery replays nothing. Events that are not {@code Materialized} are kept in the
 * journal and replayed as usual.
 */
public interface Materialized {

  void materialize(String persistenceId, NodeStore.Writes writes);
}
