package io.dynakv.bench;

import java.io.IOException;
import java.net.http.HttpTimeoutException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A stand-in for the nodes: a map with a version per key for the context. Records every call,
 * and can be told to answer some requests with a status or a timeout.
 */
final class InMemoryKvClient implements KvClient {

  /** One request as the store saw it. */
  record Call(String method, String key, Optional<String> context) {}

  private final Map<String, Long> versions = new ConcurrentHashMap<>();
  private final AtomicLong clock = new AtomicLong();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final AtomicInteger remainingFailures = new AtomicInteger();
  private volatile int failureStatus;
  private volatile long latencyMillis;

  /** Answers the next {@code count} requests with {@code status} (0: a client timeout). */
  InMemoryKvClient failNext(int count, int status) {
    failureStatus = status;
    remainingFailures.set(count);
    return this;
  }

  InMemoryKvClient withLatencyMillis(long millis) {
    latencyMillis = millis;
    return this;
  }

  List<Call> calls() {
    return calls;
  }

  @Override
  public Response get(String bucket, String key) throws IOException, InterruptedException {
    calls.add(new Call("GET", key, Optional.empty()));
    Optional<Response> failure = failure();
    if (failure.isPresent()) {
      return failure.get();
    }
    Long version = versions.get(key);
    return version == null
        ? new Response(404, Optional.empty())
        : new Response(200, Optional.of("v" + version));
  }

  @Override
  public Response put(String bucket, String key, byte[] value, Optional<String> context)
      throws IOException, InterruptedException {
    calls.add(new Call("PUT", key, context));
    Optional<Response> failure = failure();
    if (failure.isPresent()) {
      return failure.get();
    }
    long version = clock.incrementAndGet();
    versions.put(key, version);
    return new Response(204, Optional.of("v" + version));
  }

  private Optional<Response> failure() throws IOException, InterruptedException {
    if (latencyMillis > 0) {
      Thread.sleep(latencyMillis);
    }
    if (remainingFailures.getAndUpdate(n -> Math.max(0, n - 1)) <= 0) {
      return Optional.empty();
    }
    if (failureStatus == 0) {
      throw new HttpTimeoutException("request timed out");
    }
    return Optional.of(new Response(failureStatus, Optional.empty()));
  }
}
