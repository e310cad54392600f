package io.dynakv.http;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * How many requests each client has in progress, capped: a request takes a {@link Permit}
 * when it starts and gives it back when its answer is ready, whatever the answer. A client
 * with none in progress takes no memory, so the map holds at most one entry per request in
 * progress, whoever sends them.
 */
final class ClientConcurrency {

  private final int max;
  private final ConcurrentHashMap<String, Integer> inProgress = new ConcurrentHashMap<>();

  ClientConcurrency(int max) {
    if (max < 1) {
      throw new IllegalArgumentException("max must be at least 1");
    }
    this.max = max;
  }

  int max() {
    return max;
  }

  /** A permit for one more request of {@code client}, or empty when it has {@code max} already. */
  Optional<Permit> tryAcquire(String client) {
    boolean[] granted = {false};
    inProgress.compute(
        client,
        (key, count) -> {
          int current = count == null ? 0 : count;
          if (current >= max) {
            return count;
          }
          granted[0] = true;
          return current + 1;
        });
    return granted[0] ? Optional.of(new Permit(client)) : Optional.empty();
  }

  /** Requests of {@code client} in progress. */
  int inProgress(String client) {
    return inProgress.getOrDefault(client, 0);
  }

  /** One request's place; releasing it twice releases it once. */
  final class Permit {
    private final String client;
    private final AtomicBoolean released = new AtomicBoolean();

    private Permit(String client) {
      this.client = client;
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        inProgress.computeIfPresent(client, (key, count) -> count <= 1 ? null : count - 1);
      }
    }
  }
}
