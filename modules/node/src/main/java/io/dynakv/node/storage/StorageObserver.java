package io.dynakv.node.storage;

/**
 * Told how long the store's writes and syncs take (the node's metrics listen). Called on the
 * writing and syncing threads, so an implementation must be quick and thread-safe.
 */
public interface StorageObserver {

  /** Listens to nothing: the store's observer until the node sets its own. */
  StorageObserver NONE =
      new StorageObserver() {
        @Override
        public void committed(long nanos) {}

        @Override
        public void synced(long nanos, int writes) {}
      };

  /** A batch of writes became as durable as the sync mode promises, {@code nanos} after it began. */
  void committed(long nanos);

  /** One sync of the write-ahead log took {@code nanos}, completing {@code writes} waiting writes. */
  void synced(long nanos, int writes);
}
