package io.dynakv.client;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * Keeps the client's {@link RingView} and the buckets' replication factors fresh for
 * client-driven routing: fetched when the client starts, again every {@code interval}, and
 * as soon as an answer's {@code X-Ring-Epoch} names a newer ring than the one held. One fetch
 * at a time, on a daemon thread of its own; requests never wait for one.
 */
final class RingTracker implements AutoCloseable {

  private static final int DEFAULT_N = 3;

  private final Supplier<Failover> failover;
  private final Supplier<List<URI>> seeds;
  private final ScheduledExecutorService refresher;
  private final AtomicBoolean fetching = new AtomicBoolean();
  private final Map<String, Integer> nByBucket = new ConcurrentHashMap<>();
  private volatile RingView view;
  private volatile long newestEpochSeen = -1;

  RingTracker(Supplier<Failover> failover, Supplier<List<URI>> seeds) {
    this.failover = failover;
    this.seeds = seeds;
    this.refresher =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "dynakv-client-ring");
              t.setDaemon(true);
              return t;
            });
  }

  void start(Duration interval) {
    refresher.scheduleWithFixedDelay(
        this::periodicRefresh, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  /** The ring, once one was fetched. */
  Optional<RingView> view() {
    return Optional.ofNullable(view);
  }

  /** An answer named ring {@code epoch}: fetch the ring if it is newer than the one held. */
  void epochSeen(long epoch) {
    if (epoch > newestEpochSeen) {
      newestEpochSeen = epoch;
    }
    RingView held = view;
    if ((held == null || epoch > held.epoch()) && !fetching.get()) {
      try {
        refresher.execute(this::refreshIfStale);
      } catch (java.util.concurrent.RejectedExecutionException closed) {
        // The client is closing.
      }
    }
  }

  /**
   * The bucket's replication factor: cached, fetched on first use ({@code GET props}); 3, the
   * nodes' default, if that fails (routing then only loses its precision, not correctness:
   * any node serves any key).
   */
  int n(String bucket) {
    Integer known = nByBucket.get(bucket);
    if (known != null) {
      return known;
    }
    int n;
    try {
      HttpResponse<byte[]> response =
          failover.get().send(
              new Failover.Call("GET", Paths.props(bucket), Map.of(), null),
              seeds.get(),
              Failover.Safety.IDEMPOTENT);
      n = Answers.json(response.body()).path("n").asInt(DEFAULT_N);
    } catch (DynakvException e) {
      return DEFAULT_N;
    }
    nByBucket.put(bucket, n);
    return n;
  }

  private void refreshIfStale() {
    RingView held = view;
    if (held == null || newestEpochSeen > held.epoch()) {
      refresh();
    }
  }

  private void periodicRefresh() {
    // Bucket properties change rarely, and only by an operator: re-read them now and then.
    nByBucket.clear();
    refresh();
  }

  /** Fetches the ring and the members; keeps the view held if that fails. */
  void refresh() {
    if (!fetching.compareAndSet(false, true)) {
      return;
    }
    try {
      Failover calls = failover.get();
      HttpResponse<byte[]> ring =
          calls.send(new Failover.Call("GET", "/v1/ring", Map.of(), null), seeds.get(), Failover.Safety.IDEMPOTENT);
      HttpResponse<byte[]> members =
          calls.send(new Failover.Call("GET", "/v1/members", Map.of(), null), seeds.get(), Failover.Safety.IDEMPOTENT);
      RingView fresh = RingView.parse(Answers.json(ring.body()), Answers.json(members.body()));
      RingView held = view;
      if (held == null || fresh.epoch() >= held.epoch()) {
        view = fresh;
      }
    } catch (RuntimeException e) {
      // No node answered, or a ring we cannot read: route as before (or to any node).
    } finally {
      fetching.set(false);
    }
  }

  @Override
  public void close() {
    refresher.shutdownNow();
  }
}
