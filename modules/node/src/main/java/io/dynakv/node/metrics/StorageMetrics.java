package io.dynakv.node.metrics;

import io.dynakv.node.storage.NodeStore;
import io.dynakv.node.storage.StorageObserver;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * The store's write path: how long a commit takes until durable, how long each sync of the
 * write-ahead log takes and how many writes it completes; and the store's size on disk.
 */
public final class StorageMetrics implements StorageObserver {

  private final MeterRegistry registry;
  private final Timer commits;
  private final Timer syncs;
  private final DistributionSummary syncedWrites;

  StorageMetrics(MeterRegistry registry) {
    this.registry = registry;
    this.commits =
        Timer.builder("dynakv.storage.commit")
            .description(
                "Batches of writes (a replica's journal writes) until durable as the sync mode promises")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.syncs =
        Timer.builder("dynakv.storage.sync")
            .description("Syncs of the write-ahead log (group commit, or periodic)")
            .publishPercentileHistogram()
            .minimumExpectedValue(Duration.ofNanos(100_000))
            .maximumExpectedValue(Duration.ofSeconds(10))
            .register(registry);
    this.syncedWrites =
        DistributionSummary.builder("dynakv.storage.sync.writes")
            .description("Writes completed by each sync of the write-ahead log (group commit)")
            .register(registry);
  }

  /** Observes the store's commits and syncs, and exports its sizes. */
  void bind(NodeStore store) {
    store.observe(this);
    Gauge.builder("dynakv.storage.disk", store, NodeStore::diskBytes)
        .description("Size of the store's table files on disk (the write-ahead log not included)")
        .baseUnit("bytes")
        .register(registry);
    Gauge.builder("dynakv.storage.memtable", store, NodeStore::memtableBytes)
        .description("Memory of the store's memtables (write buffers)")
        .baseUnit("bytes")
        .register(registry);
  }

  @Override
  public void committed(long nanos) {
    commits.record(nanos, TimeUnit.NANOSECONDS);
  }

  @Override
  public void synced(long nanos, int writes) {
    syncs.record(nanos, TimeUnit.NANOSECONDS);
    syncedWrites.record(writes);
  }
}
