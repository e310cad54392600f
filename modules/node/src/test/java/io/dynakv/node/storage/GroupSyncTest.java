package io.dynakv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * Group commit, driven step by step by a log whose syncs the test starts and finishes: a
 * write is completed only by a sync that began after it, and one sync covers every write
 * waiting when it began.
 */
class GroupSyncTest {

  /** A log whose every sync announces itself and then waits for the test's permission. */
  private static final class GatedLog implements GroupSync.Syncable {
    final Semaphore started = new Semaphore(0);
    final Semaphore release = new Semaphore(0);
    final AtomicInteger syncs = new AtomicInteger();

    @Override
    public void sync() throws InterruptedException {
      started.release();
      assertThat(release.tryAcquire(10, TimeUnit.SECONDS)).isTrue();
      syncs.incrementAndGet();
    }

    void awaitSyncStarted() throws InterruptedException {
      assertThat(started.tryAcquire(10, TimeUnit.SECONDS)).as("a sync started").isTrue();
    }
  }

  @Test
  void aWriteIsCompletedOnlyByASyncThatBeganAfterItAndOneSyncCoversAllThatWaited() throws Exception {
    GatedLog log = new GatedLog();
    try (GroupSync group = new GroupSync(log, "test-group-sync")) {
      CompletableFuture<Void> first = group.afterNextSync();
      log.awaitSyncStarted(); // sync 1 runs for `first`
      CompletableFuture<Void> second = group.afterNextSync();
      CompletableFuture<Void> third = group.afterNextSync();
      assertThat(first).isNotDone();

      log.release.release(); // sync 1 ends: only `first` was waiting when it began
      first.get(10, TimeUnit.SECONDS);
      assertThat(second).isNotDone();
      assertThat(third).isNotDone();

      log.awaitSyncStarted(); // sync 2 runs for both writes that arrived during sync 1
      assertThat(second).isNotDone();
      log.release.release();
      second.get(10, TimeUnit.SECONDS);
      third.get(10, TimeUnit.SECONDS);
      assertThat(log.syncs.get()).isEqualTo(2);
      assertThat(group.syncs()).isEqualTo(2);
    }
  }

  @Test
  void theObserverIsToldEachSyncsDurationAndHowManyWritesItCompleted() throws Exception {
    GatedLog log = new GatedLog();
    List<Integer> writes = new CopyOnWriteArrayList<>();
    List<Long> nanos = new CopyOnWriteArrayList<>();
    try (GroupSync group = new GroupSync(log, "test-group-sync")) {
      group.observe(
          new StorageObserver() {
            @Override
            public void committed(long n) {}

            @Override
            public void synced(long n, int completed) {
              nanos.add(n);
              writes.add(completed);
            }
          });
      CompletableFuture<Void> first = group.afterNextSync();
      log.awaitSyncStarted();
      CompletableFuture<Void> second = group.afterNextSync();
      CompletableFuture<Void> third = group.afterNextSync();
      Thread.sleep(5);
      log.release.release();
      first.get(10, TimeUnit.SECONDS);
      log.awaitSyncStarted();
      log.release.release();
      CompletableFuture.allOf(second, third).get(10, TimeUnit.SECONDS);
      // Told before the writes complete.
      assertThat(writes).containsExactly(1, 2);
      assertThat(nanos.get(0)).isGreaterThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(5));
    }
  }

  @Test
  void manyConcurrentWritersShareFewSyncs() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    GroupSync.Syncable slowDisk = () -> {
      Thread.sleep(2); // a disk that takes 2 ms per sync
      syncs.incrementAndGet();
    };
    int writers = 8;
    int writesEach = 200;
    try (GroupSync group = new GroupSync(slowDisk, "test-group-sync")) {
      CountDownLatch done = new CountDownLatch(writers);
      AtomicInteger early = new AtomicInteger();
      for (int w = 0; w < writers; w++) {
        new Thread(() -> {
          for (int i = 0; i < writesEach; i++) {
            int before = syncs.get();
            group.afterNextSync().join();
            // Completed by a sync that finished after this write was submitted.
            if (syncs.get() <= before) {
              early.incrementAndGet();
            }
          }
          done.countDown();
        }).start();
      }
      assertThat(done.await(60, TimeUnit.SECONDS)).isTrue();
      assertThat(early.get()).isZero();
      assertThat(syncs.get()).isLessThan(writers * writesEach);
    }
  }

  @Test
  void closingSyncsWhatIsStillWaiting() throws Exception {
    AtomicInteger syncs = new AtomicInteger();
    GroupSync group = new GroupSync(syncs::incrementAndGet, "test-group-sync");
    CompletableFuture<Void> waiting = group.afterNextSync();
    group.close();
    waiting.get(10, TimeUnit.SECONDS);
    Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> syncs.get() >= 1);
    assertThat(group.afterNextSync()).isCompletedExceptionally();
  }
}
