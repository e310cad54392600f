package io.dynakv.it.history;

import io.dynakv.client.DynakvClient;
import io.dynakv.client.DynakvException;
import io.dynakv.client.GetResult;
import io.dynakv.client.Value;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A register through the Java client for {@link RegisterChecker}: writer threads write unique
 * values to one key, each write timed from before its context read (get, then put with the
 * read's context), so that a write invoked after another completed has seen it; reader threads
 * read the key and record every live sibling value they get (none for a missing key). Requests
 * go round-robin over the given nodes, each through a client pinned to its node (one attempt,
 * no failover: which node coordinates is part of the test).
 */
public final class RegisterWorkload implements AutoCloseable {

  private final List<DynakvClient> nodes;
  private final String bucket;
  private final String key;
  private final History history;
  private final AtomicLong sequence = new AtomicLong();

  public RegisterWorkload(List<URI> nodes, String bucket, String key, History history) {
    this.nodes = nodes.stream().map(node -> WorkloadClients.pinned(node, "")).toList();
    this.bucket = bucket;
    this.key = key;
    this.history = history;
  }

  /** {@code writers} and {@code readers} threads, {@code opsEach} operations each. */
  public void run(int writers, int readers, int opsEach, Duration maxDuration)
      throws InterruptedException {
    long deadline = System.nanoTime() + maxDuration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < writers + readers; p++) {
      int process = p;
      boolean writer = p < writers;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < opsEach && System.nanoTime() < deadline; i++) {
                  DynakvClient node = nodes.get((process + i) % nodes.size());
                  if (writer) {
                    write(process, node, "w" + process + "-" + sequence.incrementAndGet());
                  } else {
                    read(process, node);
                  }
                }
              },
              "register-" + p);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  public Operation write(int process, DynakvClient node, String value) {
    History.Invocation write = history.invoke(process, Operation.Type.WRITE, key, value, List.of());
    GetResult read;
    try {
      read = node.get(bucket, key);
    } catch (DynakvException e) {
      return write.fail("context read failed, nothing written: " + e.getMessage());
    }
    try {
      node.put(bucket, key, Value.ofText(value), read.context().orElse(null));
      return write.ok();
    } catch (DynakvException e) {
      return switch (WorkloadClients.outcomeOf(e)) {
        case FAIL -> write.fail(e.getMessage());
        default -> write.unknown(e.getMessage());
      };
    }
  }

  public Operation read(int process, DynakvClient node) {
    History.Invocation read = history.invoke(process, Operation.Type.READ, key, null, List.of());
    try {
      return read.ok(node.get(bucket, key).values().stream().map(Value::asText).toList());
    } catch (DynakvException e) {
      return read.fail(e.getMessage());
    }
  }

  @Override
  public void close() {
    nodes.forEach(DynakvClient::close);
  }
}
