package io.dynakv.node.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group commit: writes already in the write-ahead log (not yet synced) wait here, and one sync
 * completes every write that was waiting when it began. A write that arrives while a sync runs
 * waits for the next one, so no write is acknowledged before a sync that followed it. One thread
 * runs the syncs back to back while writes are waiting and sleeps otherwise.
 */
public final class GroupSync implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupSync.class);

  /** Makes everything written so far durable (RocksDB: sync the write-ahead log). */
  @FunctionalInterface
  public interface Syncable {
    void sync() throws Exception;
  }

  private final Syncable wal;
  private final Thread thread;
  private final Object lock = new Object();
  private List<CompletableFuture<Void>> waiting = new ArrayList<>();
  private boolean closed;
  private final AtomicLong syncs = new AtomicLong();
  private volatile StorageObserver observer = StorageObserver.NONE;

  public GroupSync(Syncable log, String threadName) {
    this.wal = log;
    this.thread = new Thread(this::run, threadName);
    this.thread.setDaemon(true);
    this.thread.start();
  }

  /** Completes once a sync that began after this call has finished. */
  public CompletableFuture<Void> afterNextSync() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    synchronized (lock) {
      if (closed) {
        done.completeExceptionally(new IllegalStateException("the store is closed"));
        return done;
      }
      waiting.add(done);
      lock.notifyAll();
    }
    return done;
  }

  /** From now on, tells {@code observer} how long each sync takes. */
  public void observe(StorageObserver observer) {
    this.observer = observer;
  }

  /** Syncs run so far. */
  public long syncs() {
    return syncs.get();
  }

  private void run() {
    while (true) {
      List<CompletableFuture<Void>> group;
      synchronized (lock) {
        while (waiting.isEmpty() && !closed) {
          try {
            lock.wait();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
          }
        }
        if (waiting.isEmpty()) {
          return;
        }
        group = waiting;
        waiting = new ArrayList<>();
      }
      try {
        long start = System.nanoTime();
        wal.sync();
        observer.synced(System.nanoTime() - start, group.size());
        syncs.incrementAndGet();
        group.forEach(f -> f.complete(null));
      } catch (Exception | Error e) {
        log.error("sync of the write-ahead log failed: {}", e.toString());
        group.forEach(f -> f.completeExceptionally(e));
      }
    }
  }

  /** Runs a last sync for the writes still waiting, then stops the thread. */
  @Override
  public void close() {
    synchronized (lock) {
      closed = true;
      lock.notifyAll();
    }
    try {
      thread.join(10_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
