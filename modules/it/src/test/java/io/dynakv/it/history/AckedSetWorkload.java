package io.dynakv.it.history;

import io.dynakv.it.Http;
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
 * The shopping-cart workload over HTTP: client threads add unique elements to a few keys, each add
 * a read-merge-write (GET the key, merge every sibling's set, add the element, PUT the union with
 * the GET's X-Context), recorded as {@link Operation.Type#ADD} operations for {@link
 * AckedSetChecker}. Values are encoded by {@link SetValues}.
 *
 * <p>Outcomes: a GET that fails or returns something unreadable means the add was never sent
 * ({@link Operation.Outcome#FAIL}); a PUT answered 204 is {@code OK}, 4xx is {@code FAIL}, and a
 * 5xx, timeout or connection error is {@code UNKNOWN}. Element ids ({@code p<process>-<n>}) are
 * unique within one workload. Clients spread their requests over the given nodes, so it can run
 * against a cluster while a test injects faults; {@link #stop()} ends it early.
 */
public final class AckedSetWorkload {

  private static final Pattern PLAIN = Pattern.compile("[A-Za-z0-9_.-]+");

  private final List<URI> nodes;
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
    this.nodes = List.copyOf(nodes);
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
                  List<URI> order = rotated(nodes, process + i);
                  String key = keys.get((process + i) % keys.size());
                  Operation op =
                      add(process, order, key, "p" + process + "-" + sequence.incrementAndGet());
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

  private static List<URI> rotated(List<URI> nodes, int start) {
    List<URI> order = new ArrayList<>(nodes.size());
    for (int i = 0; i < nodes.size(); i++) {
      order.add(nodes.get((start + i) % nodes.size()));
    }
    return order;
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

  /** One read-merge-write add of {@code element} to {@code key}, through {@code node}. */
  public Operation add(int process, URI node, String key, String element) {
    return add(process, List.of(node), key, element);
  }

  /**
   * One add as a client with several endpoints makes it: the context read goes to the first
   * node that answers (a node that is down or does not answer is skipped, since nothing was
   * written), and the write to that same node.
   */
  public Operation add(int process, List<URI> candidates, String key, String element) {
    History.Invocation add = history.invoke(process, Operation.Type.ADD, key, element, List.of());
    URI uri = null;
    Http.Answer read = null;
    Set<String> cart = null;
    Exception lastFailure = null;
    for (URI node : candidates) {
      uri = keyUri(node, bucket, key, "");
      try {
        read = Http.get(uri);
        cart = new TreeSet<>(SetValues.merge(SetValues.siblings(read.status(), read.body())));
        break;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return add.fail("interrupted before the write");
      } catch (Exception e) {
        lastFailure = e;
      }
    }
    if (cart == null) {
      return add.fail("read failed on every node, nothing written: " + lastFailure);
    }
    cart.add(element);
    try {
      Http.Answer write =
          Http.put(uri, SetValues.encode(cart), SetValues.CONTENT_TYPE, read.context());
      return switch (writeOutcome(write.status())) {
        case OK -> add.ok();
        case FAIL -> add.fail(write.status() + " " + write.body());
        case UNKNOWN -> add.unknown(write.status() + " " + write.body());
      };
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return add.unknown("interrupted during the write");
    } catch (Exception e) {
      return add.unknown(e.toString());
    }
  }

  /**
   * Reads every key through {@code node} (with {@code query}, e.g. {@code "?r=3"}) and returns the
   * union of its siblings' sets; throws if any read fails, since a missing key would count its
   * acknowledged elements as lost.
   */
  public Map<String, Set<String>> finalRead(URI node, String query) throws Exception {
    Map<String, Set<String>> sets = new LinkedHashMap<>();
    for (String key : keys) {
      Http.Answer a = Http.get(keyUri(node, bucket, key, query));
      sets.put(key, SetValues.merge(SetValues.siblings(a.status(), a.body())));
    }
    return sets;
  }

  /**
   * What a write's HTTP status says about it: 2xx done, 300 done with siblings left beside it,
   * 4xx rejected, anything else unknown.
   */
  public static Operation.Outcome writeOutcome(int status) {
    if ((status >= 200 && status < 300) || status == 300) {
      return Operation.Outcome.OK;
    }
    if (status >= 400 && status < 500) {
      return Operation.Outcome.FAIL;
    }
    return Operation.Outcome.UNKNOWN;
  }

  static URI keyUri(URI node, String bucket, String key, String query) {
    String base = node.toString();
    if (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return URI.create(base + "/v1/buckets/" + bucket + "/keys/" + key + query);
  }

  private static List<String> concat(String first, List<String> rest) {
    List<String> all = new ArrayList<>(rest);
    all.add(0, first);
    return all;
  }
}
