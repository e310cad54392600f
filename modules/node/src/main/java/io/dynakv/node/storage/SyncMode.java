package io.dynakv.node.storage;

import java.time.Duration;
import java.util.Locale;

/**
 * When a node's writes reach the disk (setting {@code dynakv.storage.sync}), against
 * Cassandra's {@code commitlog_sync}:
 *
 * <ul>
 *   <li>{@code batch} (default; Cassandra's {@code batch}/{@code group}): a write is
 *       acknowledged only after a sync of the write-ahead log that began after it was written.
 *       One sync covers every write waiting at that moment (group commit). Survives a power
 *       loss or an OS crash on every replica that acknowledged.
 *   <li>{@code periodic} (Cassandra's {@code periodic}, Dynamo's buffered writes): acknowledged
 *       once in the operating system's page cache; the log is synced every {@code interval}.
 *       Survives a crash of the JVM; a power loss loses up to {@code interval} of writes on
 *       that node (the other replicas keep theirs).
 *   <li>{@code none}: never synced by dynakv (the OS writes back when it likes, typically within
 *       30 s). Survives a crash of the JVM only.
 * </ul>
 */
public record SyncMode(Kind kind, Duration interval) {

  public enum Kind {
    BATCH,
    PERIODIC,
    NONE
  }

  public static final SyncMode BATCH = new SyncMode(Kind.BATCH, Duration.ZERO);

  public static SyncMode of(String name, Duration periodicInterval) {
    switch (name.toLowerCase(Locale.ROOT)) {
      case "batch":
        return BATCH;
      case "periodic":
        if (periodicInterval.isZero() || periodicInterval.isNegative()) {
          throw new IllegalArgumentException("sync-interval must be positive, not " + periodicInterval);
        }
        return new SyncMode(Kind.PERIODIC, periodicInterval);
      case "none":
        return new SyncMode(Kind.NONE, Duration.ZERO);
      default:
        throw new IllegalArgumentException("sync must be batch, periodic or none, not '" + name + "'");
    }
  }
}
