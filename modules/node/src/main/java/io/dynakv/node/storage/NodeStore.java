package io.dynakv.node.storage;

import io.dynakv.core.Key;
import io.dynakv.core.storage.StoreKeys;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.BloomFilter;
import org.rocksdb.ColumnFamilyDescriptor;
import org.rocksdb.ColumnFamilyHandle;
import org.rocksdb.ColumnFamilyOptions;
import org.rocksdb.CompressionType;
import org.rocksdb.DBOptions;
import org.rocksdb.LRUCache;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDB;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.Slice;
import org.rocksdb.WriteBatch;
import org.rocksdb.WriteOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's storage: one RocksDB holding the journal of its persistent actors and the latest
 * object of every key each of its replicas holds, off the JVM heap (RocksDB's memtables and
 * block cache are native memory of a configured, bounded size).
 *
 * <p>Column families: {@code objects} (object keys of {@link StoreKeys} → creation epoch and
 * the encoded object), {@code tombstones} (the same keys, for objects that are tombstones
 * only → when deleted), {@code journal} (persistence id, sequence number → event) and the
 * default one for small records (the owner node id, highest sequence numbers, each replica's
 * writer base and epoch).
 *
 * <p>Writes go to the write-ahead log and memtable at once and are made durable according to
 * the {@link SyncMode}: {@link #commit} completes when the batch is as durable as the mode
 * promises. Every method is thread-safe; after {@link #close} they throw {@link
 * IllegalStateException} instead of touching freed native memory.
 */
public final class NodeStore implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(NodeStore.class);

  static {
    RocksDB.loadLibrary();
  }

  public record Settings(long cacheBytes, long writeBufferBytes, SyncMode sync) {
    public static final Settings DEFAULT = new Settings(64L << 20, 16L << 20, SyncMode.BATCH);
  }

  /** An object as stored: the epoch its replica created it in, and the object's bytes. */
  public record StoredObject(long createdIn, byte[] encoded) {}

  private static final byte[] OWNER = "owner".getBytes(StandardCharsets.UTF_8);
  private static final byte[] CLEAN = "closed-cleanly".getBytes(StandardCharsets.UTF_8);

  private final Path dir;
  private final Settings settings;
  private final RocksDB db;
  private final List<AutoCloseable> handles = new ArrayList<>();
  private final List<AutoCloseable> resources = new ArrayList<>();
  private final ColumnFamilyHandle meta;
  private final ColumnFamilyHandle objects;
  private final ColumnFamilyHandle tombstones;
  private final ColumnFamilyHandle journal;
  private final WriteOptions unsynced = new WriteOptions();
  private final GroupSync groupSync;
  private volatile StorageObserver observer = StorageObserver.NONE;
  private final ScheduledExecutorService periodic;
  private final ReentrantReadWriteLock open = new ReentrantReadWriteLock();
  private boolean closed;
  private final boolean openedClean;
  private final java.util.Set<String> started = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private NodeStore(Path dir, Settings settings, GroupSync.Syncable syncHook) throws RocksDBException {
    this.dir = dir;
    this.settings = settings;
    LRUCache cache = new LRUCache(settings.cacheBytes());
    BloomFilter bloom = new BloomFilter(10);
    BlockBasedTableConfig table =
        new BlockBasedTableConfig()
            .setBlockCache(cache)
            .setFilterPolicy(bloom)
            .setCacheIndexAndFilterBlocks(true)
            .setPinL0FilterAndIndexBlocksInCache(true)
            .setBlockSize(16 * 1024);
    ColumnFamilyOptions cfOptions =
        new ColumnFamilyOptions()
            .setTableFormatConfig(table)
            .setWriteBufferSize(settings.writeBufferBytes())
            .setMaxWriteBufferNumber(2)
            .setLevelCompactionDynamicLevelBytes(true)
            .setCompressionType(CompressionType.LZ4_COMPRESSION);
    DBOptions options =
        new DBOptions()
            .setCreateIfMissing(true)
            .setCreateMissingColumnFamilies(true)
            .setMaxBackgroundJobs(2)
            .setKeepLogFileNum(3)
            .setMaxTotalWalSize(4 * settings.writeBufferBytes());
    this.resources.add(cache);
    this.resources.add(bloom);
    this.resources.add(cfOptions);
    this.resources.add(options);
    List<ColumnFamilyDescriptor> descriptors =
        List.of(
            new ColumnFamilyDescriptor(RocksDB.DEFAULT_COLUMN_FAMILY, cfOptions),
            new ColumnFamilyDescriptor(bytes("objects"), cfOptions),
            new ColumnFamilyDescriptor(bytes("tombstones"), cfOptions),
            new ColumnFamilyDescriptor(bytes("journal"), cfOptions));
    List<ColumnFamilyHandle> handles = new ArrayList<>();
    this.db = RocksDB.open(options, dir.toString(), descriptors, handles);
    this.meta = handles.get(0);
    this.objects = handles.get(1);
    this.tombstones = handles.get(2);
    this.journal = handles.get(3);
    this.handles.addAll(handles);
    // The mark of a clean close: read and removed now, written again by close().
    try (WriteOptions synced = new WriteOptions().setSync(true)) {
      this.openedClean = db.get(meta, CLEAN) != null;
      db.delete(meta, synced, CLEAN);
    }
    GroupSync.Syncable wal = syncHook != null ? syncHook : db::syncWal;
    this.groupSync =
        settings.sync().kind() == SyncMode.Kind.BATCH ? new GroupSync(wal, "dynakv-group-sync") : null;
    if (settings.sync().kind() == SyncMode.Kind.PERIODIC) {
      periodic = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "dynakv-periodic-sync");
        t.setDaemon(true);
        return t;
      });
      long every = settings.sync().interval().toMillis();
      periodic.scheduleWithFixedDelay(() -> syncQuietly(wal), every, every, TimeUnit.MILLISECONDS);
    } else {
      periodic = null;
    }
  }

  /** Opens (creating if missing) the store in {@code dir}. */
  public static NodeStore open(Path dir, Settings settings) {
    return open(dir, settings, null);
  }

  /** As {@link #open(Path, Settings)}, syncing through {@code syncHook} (tests observe syncs). */
  public static NodeStore open(Path dir, Settings settings, GroupSync.Syncable syncHook) {
    try {
      Files.createDirectories(dir);
      return new NodeStore(dir, settings, syncHook);
    } catch (Exception e) {
      throw new IllegalStateException("cannot open the store at " + dir + ": " + e.getMessage(), e);
    }
  }

  public Path dir() {
    return dir;
  }

  public Settings settings() {
    return settings;
  }

  /**
   * True the first time it is asked for {@code name} if the store was closed cleanly last time
   * (every write of its last run completed); false after a crash, and on every later call for
   * the same name (an actor restarted within this run).
   */
  public boolean firstCleanStart(String name) {
    return started.add(name) && openedClean;
  }

  /** Syncs run by group commit so far (batch mode; 0 otherwise). */
  public long groupSyncs() {
    return groupSync == null ? 0 : groupSync.syncs();
  }

  // ---- writing --------------------------------------------------------------------------

  /** A new batch of writes, applied atomically by {@link #commit}. */
  public Writes newWrites() {
    return new Writes(this);
  }

  /**
   * Applies {@code writes} atomically; the future completes when they are as durable as the
   * sync mode promises (batch: after a sync of the log that began after the write).
   */
  public CompletableFuture<Void> commit(Writes writes) {
    long start = System.nanoTime();
    try (WriteBatch batch = writes.batch) {
      read(() -> {
        db.write(unsynced, batch);
        return null;
      });
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    StorageObserver o = observer;
    if (groupSync == null) {
      o.committed(System.nanoTime() - start);
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> durable = groupSync.afterNextSync();
    if (o != StorageObserver.NONE) {
      durable.thenRun(() -> o.committed(System.nanoTime() - start));
    }
    return durable;
  }

  /** From now on, tells {@code observer} how long commits and syncs take. */
  public void observe(StorageObserver observer) {
    this.observer = observer;
    if (groupSync != null) {
      groupSync.observe(observer);
    }
  }

  /**
   * The size of the store's table files on disk (RocksDB's SST files, every column family;
   * the write-ahead log and memtables not included); 0 once closed.
   */
  public long diskBytes() {
    return sumProperty("rocksdb.total-sst-files-size");
  }

  /** The memory the memtables use now (RocksDB's write buffers, every column family). */
  public long memtableBytes() {
    return sumProperty("rocksdb.cur-size-all-mem-tables");
  }

  private long sumProperty(String property) {
    ReentrantReadWriteLock.ReadLock lock = open.readLock();
    lock.lock();
    try {
      if (closed) {
        return 0;
      }
      long sum = 0;
      for (ColumnFamilyHandle cf : List.of(meta, objects, tombstones, journal)) {
        sum += db.getLongProperty(cf, property);
      }
      return sum;
    } catch (RocksDBException e) {
      return 0;
    } finally {
      lock.unlock();
    }
  }

  /** Writes to one batch: objects and their tombstone marks, replica records, events. */
  public static final class Writes {
    private final NodeStore store;
    final WriteBatch batch = new WriteBatch();

    private Writes(NodeStore store) {
      this.store = store;
    }

    public void putObject(byte[] replicaPrefix, Key key, long createdIn, byte[] encoded, long deletedAt) {
      byte[] k = StoreKeys.objectKey(replicaPrefix, key);
      try {
        batch.put(store.objects, k, ByteBuffer.allocate(8 + encoded.length).putLong(createdIn).put(encoded).array());
        if (deletedAt >= 0) {
          batch.put(store.tombstones, k, longBytes(deletedAt));
        }
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    /** Forgets the tombstone mark of a key whose object is no longer only tombstones. */
    public void clearTombstone(byte[] replicaPrefix, Key key) {
      try {
        batch.delete(store.tombstones, StoreKeys.objectKey(replicaPrefix, key));
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    public void deleteObject(byte[] replicaPrefix, Key key) {
      byte[] k = StoreKeys.objectKey(replicaPrefix, key);
      try {
        batch.delete(store.objects, k);
        batch.delete(store.tombstones, k);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    public void putRecord(String name, byte[] value) {
      try {
        batch.put(store.meta, bytes(name), value);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    public void putEvent(String persistenceId, long sequenceNr, byte[] event) {
      try {
        batch.put(store.journal, eventKey(persistenceId, sequenceNr), event);
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }

    public void setSavePoint() {
      try {
        batch.setSavePoint();
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }

    public void rollbackToSavePoint() {
      try {
        batch.rollbackToSavePoint();
      } catch (RocksDBException e) {
        throw new IllegalStateException(e);
      }
    }
  }

  // ---- records ------------------------------------------------------------------------

  /** A small record of the default column family, or null. */
  public byte[] record(String name) {
    return read(() -> db.get(meta, bytes(name)));
  }

  public long longRecord(String name, long absent) {
    byte[] v = record(name);
    return v == null ? absent : ByteBuffer.wrap(v).getLong();
  }

  public String stringRecord(String name) {
    byte[] v = record(name);
    return v == null ? null : new String(v, StandardCharsets.UTF_8);
  }

  /**
   * Makes sure this store is {@code nodeId}'s: the first start records the id, every later
   * start checks it. A store holds one node's replicas under that node's name; another node
   * starting on it (a copied data dir) would serve and hand off those replicas as its own.
   *
   * @throws IllegalStateException naming both ids when the store belongs to another node
   */
  public synchronized void claimFor(String nodeId) {
    String owner = stringRecord("owner");
    if (owner == null) {
      read(() -> {
        try (WriteOptions synced = new WriteOptions().setSync(true)) {
          db.put(meta, synced, OWNER, bytes(nodeId));
        }
        return null;
      });
      owner = nodeId;
    }
    if (!nodeId.equals(owner)) {
      throw new IllegalStateException(
          "the store at " + dir + " belongs to node " + owner + ", not to node " + nodeId
              + ": every node needs its own data directory");
    }
  }

  // ---- objects ------------------------------------------------------------------------

  public StoredObject object(byte[] replicaPrefix, Key key) {
    byte[] v = read(() -> db.get(objects, StoreKeys.objectKey(replicaPrefix, key)));
    return v == null ? null : stored(v);
  }

  private static StoredObject stored(byte[] v) {
    long createdIn = ByteBuffer.wrap(v, 0, 8).getLong();
    byte[] encoded = new byte[v.length - 8];
    System.arraycopy(v, 8, encoded, 0, encoded.length);
    return new StoredObject(createdIn, encoded);
  }

  /** One object met by {@link #scan}. */
  public interface ObjectVisitor {
    /** Return false to stop the scan. */
    boolean visit(Key key, StoredObject object);
  }

  /** Visits the objects of one replica in key order, starting after {@code after} if given. */
  public void scan(byte[] replicaPrefix, Key after, ObjectVisitor visitor) {
    scanFamily(objects, replicaPrefix, after, (k, v) -> visitor.visit(k, stored(v)));
  }

  /** Visits the tombstone marks of one replica: key and when it was deleted. */
  public void scanTombstones(byte[] replicaPrefix, java.util.function.BiPredicate<Key, Long> visitor) {
    scanFamily(tombstones, replicaPrefix, null, (k, v) -> visitor.test(k, ByteBuffer.wrap(v).getLong()));
  }

  private void scanFamily(
      ColumnFamilyHandle family, byte[] prefix, Key after, java.util.function.BiPredicate<Key, byte[]> visitor) {
    read(() -> {
      try (Slice upper = new Slice(StoreKeys.after(prefix));
          ReadOptions options = new ReadOptions().setIterateUpperBound(upper).setFillCache(false);
          RocksIterator it = db.newIterator(family, options)) {
        byte[] start = after == null ? prefix : StoreKeys.objectKey(prefix, after);
        it.seek(start);
        if (after != null && it.isValid() && java.util.Arrays.equals(it.key(), start)) {
          it.next();
        }
        for (; it.isValid(); it.next()) {
          if (!visitor.test(StoreKeys.keyOf(it.key(), prefix.length), it.value())) {
            break;
          }
        }
        it.status();
      }
      return null;
    });
  }

  public boolean hasObjects(byte[] replicaPrefix) {
    boolean[] any = {false};
    scanFamily(objects, replicaPrefix, null, (k, v) -> {
      any[0] = true;
      return false;
    });
    return any[0];
  }

  /** Every replica with at least one object, in partition order. */
  public List<StoreKeys.Replica> replicas() {
    return read(() -> {
      List<StoreKeys.Replica> found = new ArrayList<>();
      try (ReadOptions options = new ReadOptions().setFillCache(false);
          RocksIterator it = db.newIterator(objects, options)) {
        it.seekToFirst();
        while (it.isValid()) {
          byte[] key = it.key();
          found.add(StoreKeys.replicaOf(key));
          byte[] prefix = java.util.Arrays.copyOf(key, StoreKeys.prefixLengthOf(key));
          it.seek(StoreKeys.after(prefix));
        }
        it.status();
      }
      return found;
    });
  }

  // ---- journal ------------------------------------------------------------------------

  static byte[] eventKey(String persistenceId, long sequenceNr) {
    byte[] pid = bytes(persistenceId);
    return ByteBuffer.allocate(pid.length + 9).put(pid).put((byte) 0).putLong(sequenceNr).array();
  }

  /** Visits the stored events of one persistence id from {@code from} to {@code to}, inclusive. */
  public void events(String persistenceId, long from, long to, long max, Consumer<byte[]> visitor) {
    read(() -> {
      try (Slice upper = new Slice(eventKey(persistenceId, to == Long.MAX_VALUE ? Long.MAX_VALUE : to + 1));
          ReadOptions options = new ReadOptions().setIterateUpperBound(upper);
          RocksIterator it = db.newIterator(journal, options)) {
        long n = 0;
        for (it.seek(eventKey(persistenceId, Math.max(0, from))); it.isValid() && n < max; it.next()) {
          visitor.accept(it.value());
          n++;
        }
        it.status();
      }
      return null;
    });
  }

  /** Whether any event of {@code persistenceId} was ever written (its sequence number record). */
  public boolean hasJournal(String persistenceId) {
    return record(JournalRecords.highest(persistenceId)) != null;
  }

  public void deleteEvents(String persistenceId, long toSequenceNr) {
    read(() -> {
      db.deleteRange(journal, eventKey(persistenceId, 0), eventKey(persistenceId, toSequenceNr + 1));
      return null;
    });
  }

  // ---- plumbing -------------------------------------------------------------------------

  @FunctionalInterface
  private interface Op<T> {
    T run() throws RocksDBException;
  }

  private <T> T read(Op<T> op) {
    ReentrantReadWriteLock.ReadLock lock = open.readLock();
    lock.lock();
    try {
      if (closed) {
        throw new IllegalStateException("the store at " + dir + " is closed");
      }
      return op.run();
    } catch (RocksDBException e) {
      throw new IllegalStateException("store at " + dir + ": " + e.getMessage(), e);
    } finally {
      lock.unlock();
    }
  }

  private void syncQuietly(GroupSync.Syncable wal) {
    try {
      read(() -> {
        try {
          long start = System.nanoTime();
          wal.sync();
          observer.synced(System.nanoTime() - start, 0);
        } catch (RocksDBException e) {
          throw e;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
        return null;
      });
    } catch (RuntimeException e) {
      log.warn("periodic sync failed: {}", e.getMessage());
    }
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] longBytes(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static void closeAll(List<AutoCloseable> all) {
    for (AutoCloseable r : all) {
      try {
        r.close();
      } catch (Exception e) {
        // freeing native handles; nothing to do
      }
    }
  }

  /** Syncs what was written, then frees the native resources. Idempotent. */
  @Override
  public void close() {
    if (groupSync != null) {
      groupSync.close();
    }
    if (periodic != null) {
      periodic.shutdownNow();
    }
    ReentrantReadWriteLock.WriteLock lock = open.writeLock();
    lock.lock();
    try {
      if (closed) {
        return;
      }
      closed = true;
      // Flushing the memtables makes the next open quick (nothing to replay from the log).
      try (org.rocksdb.FlushOptions flush = new org.rocksdb.FlushOptions().setWaitForFlush(true)) {
        db.flush(flush, List.of(meta, objects, tombstones, journal));
      } catch (RocksDBException e) {
        log.warn("flush at close failed: {}", e.getMessage());
      }
      try (WriteOptions synced = new WriteOptions().setSync(true)) {
        db.syncWal();
        db.put(meta, synced, CLEAN, new byte[] {1});
      } catch (RocksDBException e) {
        log.warn("last sync at close failed: {}", e.getMessage());
      }
      closeAll(handles);
      db.close();
      unsynced.close();
      closeAll(resources);
    } finally {
      lock.unlock();
    }
  }
}
