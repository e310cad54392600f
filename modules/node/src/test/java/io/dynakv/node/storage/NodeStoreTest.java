package io.dynakv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.core.Key;
import io.dynakv.core.storage.StoreKeys;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The node's RocksDB store: ownership, objects by replica, durability modes. */
class NodeStoreTest {

  @TempDir Path dir;

  private static DvvSet object(String s) {
    return DvvSet.empty()
        .update(VersionVector.empty(), Value.of(s.getBytes(StandardCharsets.UTF_8), "text/plain", 7L), "n1/1");
  }

  @Test
  void theFirstNodeToStartOwnsTheStoreAndAnotherIdIsRefusedWithBothIds() {
    try (NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT)) {
      store.claimFor("node-1");
    }
    try (NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT)) {
      store.claimFor("node-1"); // a restart of the same node
      assertThatThrownBy(() -> store.claimFor("node-2"))
          .isInstanceOf(IllegalStateException.class)
          .hasMessage(
              "the store at " + dir + " belongs to node node-1, not to node node-2:"
                  + " every node needs its own data directory");
    }
  }

  @Test
  void objectsAreFoundByReplicaAndScannedInKeyOrderAcrossARestart() {
    byte[] owned = StoreKeys.replicaPrefix(3, null);
    byte[] hints = StoreKeys.replicaPrefix(3, "node-2");
    try (NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT)) {
      NodeStore.Writes writes = store.newWrites();
      for (int i = 9; i >= 0; i--) {
        writes.putObject(owned, new Key("b", "k" + i), i, ObjectCodec.encode(object("v" + i)), -1);
      }
      writes.putObject(hints, new Key("b", "h"), 0, ObjectCodec.encode(object("hint")), 5);
      store.commit(writes).join();
    }
    try (NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT)) {
      List<String> keys = new ArrayList<>();
      store.scan(owned, null, (k, o) -> keys.add(k.key()));
      assertThat(keys).containsExactly("k0", "k1", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9");
      List<String> after = new ArrayList<>();
      store.scan(owned, new Key("b", "k6"), (k, o) -> after.add(k.key()));
      assertThat(after).containsExactly("k7", "k8", "k9");
      NodeStore.StoredObject k4 = store.object(owned, new Key("b", "k4"));
      assertThat(k4.createdIn()).isEqualTo(4);
      assertThat(ObjectCodec.decode(k4.encoded())).isEqualTo(object("v4"));
      assertThat(store.object(hints, new Key("b", "k4"))).isNull();
      List<Long> tombstones = new ArrayList<>();
      store.scanTombstones(hints, (k, at) -> tombstones.add(at));
      assertThat(tombstones).containsExactly(5L);
      assertThat(store.replicas())
          .containsExactly(new StoreKeys.Replica(3, null), new StoreKeys.Replica(3, "node-2"));

      NodeStore.Writes drop = store.newWrites();
      drop.deleteObject(hints, new Key("b", "h"));
      store.commit(drop).join();
      assertThat(store.replicas()).containsExactly(new StoreKeys.Replica(3, null));
      assertThat(store.hasObjects(hints)).isFalse();
    }
  }

  /**
   * Batch mode over the real RocksDB: a commit completes only after a sync of the log that
   * began after the write; while that sync is held, the commit stays incomplete.
   */
  @Test
  void inBatchModeACommitCompletesOnlyAfterASyncThatFollowedIt() throws Exception {
    Semaphore started = new Semaphore(0);
    Semaphore release = new Semaphore(0);
    GroupSync.Syncable gated = () -> {
      started.release();
      assertThat(release.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
    };
    try (NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT, gated)) {
      NodeStore.Writes writes = store.newWrites();
      writes.putObject(StoreKeys.replicaPrefix(1, null), new Key("b", "k"), 0, ObjectCodec.encode(object("v")), -1);
      CompletableFuture<Void> committed = store.commit(writes);
      assertThat(started.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      assertThat(committed).isNotDone();
      assertThat(store.groupSyncs()).isZero();
      release.release();
      committed.get(10, TimeUnit.SECONDS);
      assertThat(store.groupSyncs()).isEqualTo(1);
      release.release(100); // let any later sync through
    }
  }

  @Test
  void inNoneAndPeriodicModesACommitCompletesWithoutWaitingForASync() throws Exception {
    Semaphore never = new Semaphore(0);
    GroupSync.Syncable blocked = () -> never.tryAcquire(1, TimeUnit.MILLISECONDS);
    for (SyncMode mode : List.of(SyncMode.of("none", Duration.ZERO), SyncMode.of("periodic", Duration.ofHours(1)))) {
      Path d = dir.resolve(mode.kind().name());
      try (NodeStore store = NodeStore.open(d, new NodeStore.Settings(8 << 20, 4 << 20, mode), blocked)) {
        NodeStore.Writes writes = store.newWrites();
        writes.putRecord("x", new byte[] {1});
        store.commit(writes).get(10, TimeUnit.SECONDS);
        assertThat(store.record("x")).containsExactly(1);
        assertThat(store.groupSyncs()).isZero();
      }
    }
  }

  @Test
  void anObserverIsToldOfEveryCommitAndSyncAndTheSizesAreReadable() throws Exception {
    AtomicInteger commits = new AtomicInteger();
    AtomicInteger syncedWrites = new AtomicInteger();
    NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT);
    try {
      store.observe(
          new StorageObserver() {
            @Override
            public void committed(long nanos) {
              commits.incrementAndGet();
            }

            @Override
            public void synced(long nanos, int writes) {
              syncedWrites.addAndGet(writes);
            }
          });
      for (int i = 0; i < 3; i++) {
        NodeStore.Writes writes = store.newWrites();
        writes.putObject(StoreKeys.replicaPrefix(1, null), new Key("b", "k" + i), 0, ObjectCodec.encode(object("v")), -1);
        store.commit(writes).get(10, TimeUnit.SECONDS);
      }
      Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> commits.get() == 3);
      assertThat(syncedWrites.get()).isEqualTo(3);
      assertThat(store.memtableBytes()).isPositive();
      assertThat(store.diskBytes()).isNotNegative();
    } finally {
      store.close();
    }
    assertThat(store.diskBytes()).isZero();
  }

  @Test
  void anUnknownSyncModeIsRefusedWithTheChoices() {
    assertThatThrownBy(() -> SyncMode.of("always", Duration.ZERO))
        .hasMessage("sync must be batch, periodic or none, not 'always'");
    assertThatThrownBy(() -> SyncMode.of("periodic", Duration.ZERO))
        .hasMessageContaining("sync-interval must be positive");
  }

  @Test
  void aClosedStoreRefusesInsteadOfTouchingFreedMemory() {
    NodeStore store = NodeStore.open(dir, NodeStore.Settings.DEFAULT);
    store.close();
    assertThatThrownBy(() -> store.record("owner")).isInstanceOf(IllegalStateException.class);
    store.close();
  }
}
