package io.dynakv.it.history;

import io.dynakv.client.DynakvClient;
import io.dynakv.client.DynakvException;
import io.dynakv.client.GetResult;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * The shopping-cart workload through the Java client: client threads add unique elements to a few
 * keys, each add a read-merge-write (get the key, merge every sibling's set, add the element, put
 * the union with the read's context), recorded as {@link Operation.Type#ADD} operations for
 * {@link AckedSetChecker}. Values are encoded by {@link SetValues}.
 *
 * <p>Outcomes: a read that fails (after the client's failover and retries) means the add was
 * never sent ({@link Operation.Outcome#FAIL}); a write the client reports done is {@code OK}, one
 * a node rejected (4xx) or that reached no node is {@code FAIL}, and any other failure (a 5xx,
 * a timeout after the request went out) is {@code UNKNOWN}. Element ids ({@code p<process>-<n>})
 * are unique within one workload. The client routes the requests over the cluster given (by the
 * ring, failing over), so it can run while a test injects faults; {@link #stop()} ends it early.
 */
public final class AckedSetWorkload implements AutoCloseable {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

  private final DynakvClient client;
  private final String bucket;
  private final List<String> keys;
  private final History history;
  private final AtomicLong sequence = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();

  /**
   * @param nodes base URIs of the nodes to send to, e.g. {@code http://127.0.0.1:8081}
   * @param keys plain names ({@code [A-Za-z0-9_.-]+}, as is {@code bucket})
   */
  public AckedSetWorkload(List<URI> nodes, String bucket, List<String> keys, History history) {
    if (nodes.isEmpty() || keys.isEmpty()) {
      throw new IllegalArgumentException("needs at least one node and one key");
    }
    for (String name : concat(bucket, keys)) {
      if (!PLAIN.matcher(name).matches()) {
        throw new IllegalArgumentException("not a plain bucket or key name: " + name);
      }
    }
    this.client = WorkloadClients.cluster(nodes);
    this.bucket = bucket;
    this.keys = List.copyOf(keys);
    this.history = history;
  }

  public History history() {
    return history;
  }

  /**
   * Runs {@code clients} threads of at most {@code addsPerClient} adds each, until they are done,
   * {@code maxDuration} has passed or {@link #stop()} is called.
   */
  public void run(int clients, int addsPerClient, Duration maxDuration)
      throws InterruptedException {
    long deadline = System.nanoTime() + maxDuration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < clients; p++) {
      int process = p;
      Thread client =
          new Thread(
              () -> {
                for (int i = 0;
                    i < addsPerClient && !stopped.get() && System.nanoTime() < deadline;
                    i++) {
                  String key = keys.get((process + i) % keys.size());
                  Operation op = add(process, key, "p" + process + "-" + sequence.incrementAndGet());
                  if (op.outcome() != Operation.Outcome.OK) {
                    pause(); // a real client backs off rather than spin on a failing cluster
                  }
                }
              },
              "acked-set-client-" + p);
      client.start();
      threads.add(client);
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(50);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Makes {@link #run} return once the adds in flight are done. */
  public void stop() {
    stopped.set(true);
  }

  /** Lets {@link #run} be called again after a {@link #stop()}; element ids stay unique. */
  public void resume() {
    stopped.set(false);
  }

  /**
   * One read-merge-write add of {@code element} to {@code key}, as an application makes it with
   * the Java client: the read and the write go where the client routes them (the key's
   * preference list), failing over and retrying as the client does.
   */
  public Operation add(int process, String key, String element) {
    History.Invocation add = history.invoke(process, Operation.Type.ADD, key, element, List.of());
    GetResult read;
    try {
      read = client.get(bucket, key);
    } catch (DynakvException e) {
      return add.fail("read failed, nothing written: " + e.getMessage());
    }
    Set<String> cart = new TreeSet<>(SetValues.merge(SetValues.siblings(read)));
    cart.add(element);
    try {
      client.put(bucket, key, SetValues.value(cart), read.context().orElse(null));
      return add.ok();
    } catch (DynakvException e) {
      return switch (WorkloadClients.outcomeOf(e)) {
        case FAIL -> add.fail(e.getMessage());
        default -> add.unknown(e.getMessage());
      };
    }
  }

  /**
   * Reads every key through {@code node} only (with {@code query}, "" or e.g. {@code "?r=3"})
   * and returns the union of its siblings' sets; throws if any read fails, since a missing key
   * would count its acknowledged elements as lost.
   */
  public Map<String, Set<String>> finalRead(URI node, String query) {
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    try (DynakvClient reader = WorkloadClients.pinned(node, query)) {
      for (String key : keys) {
        sets.put(key, SetValues.merge(SetValues.siblings(reader.get(bucket, key))));
      }
    }
    return sets;
  }

  /** Closes the client the adds are sent with. */
  @Override
  public void close() {
    client.close();
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest);
    all.add(0, first);
    return all;
  }
}
