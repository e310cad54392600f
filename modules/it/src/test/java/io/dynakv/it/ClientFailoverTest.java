package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.client.ConflictResolver;
import io.dynakv.client.DynakvClient;
import io.dynakv.client.Routing;
import io.dynakv.client.Sibling;
import io.dynakv.client.UnavailableException;
import io.dynakv.client.Value;
import io.dynakv.http.PrometheusText;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Java client against three real nodes: concurrent {@code update}s of sets (merged by a
 * union resolver) all succeed while one node is killed -9, and every element is there
 * afterwards; and client-driven routing sends every write to a node of the key's preference
 * list, so no node forwards a put ({@code dynakv_forwarded_puts_total}), while sending to any
 * node makes the nodes forward most of them.
 */
class ClientFailoverTest {

  private static final ConflictResolver UNION =
      siblings -> {
        Set<String> all = new TreeSet<>();
        for (Sibling s : siblings) {
          all.addAll(elements(Optional.of(s.value())));
        }
        return encode(all);
      };

  @TempDir Path root;

  @Test
  void updatesAllSucceedWhileANodeIsKilledAndClientRoutingForwardsNoPuts() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      List<URI> urls = cluster.nodes().stream().map(n -> n.uri("")).toList();

      forwardedPutsDropToZeroWithClientDrivenRouting(cluster, urls);
      everyUpdateSucceedsWhileANodeIsKilled(cluster, urls);
    }
  }

  /** n = 1 on three nodes: a node receiving a key's put is its one replica a third of the time. */
  private void forwardedPutsDropToZeroWithClientDrivenRouting(LocalCluster cluster, List<URI> urls)
      throws Exception {
    Http.Answer props =
        Http.put(
            cluster.node(1).uri("/v1/buckets/routed/props"),
            "{\"n\":1,\"r\":1,\"w\":1}",
            "application/json",
            null);
    assertThat(props.status()).as(props.body()).isEqualTo(200);
    int puts = 300;

    double before = forwardedPuts(cluster);
    int anyNodeFailed = 0;
    try (DynakvClient anyNode = DynakvClient.builder().nodes(urls).routing(Routing.ANY_NODE).build()) {
      for (int i = 0; i < puts; i++) {
        try {
          anyNode.put("routed", "any-" + i, Value.ofText("v" + i));
        } catch (UnavailableException e) {
          // A forwarded blind put whose receiving node did not accept it in time (a loaded
          // machine): 503, and not retried since it may exist. Counted as forwarded all the same.
          anyNodeFailed++;
        }
      }
    }
    double anyNodeForwarded = forwardedPuts(cluster) - before;

    before = forwardedPuts(cluster);
    try (DynakvClient clientDriven = DynakvClient.builder().nodes(urls).build()) {
      Awaitility.await("the client has the ring")
          .atMost(Duration.ofSeconds(30))
          .until(() -> clientDriven.ringEpoch().isPresent());
      for (int i = 0; i < puts; i++) {
        clientDriven.put("routed", "driven-" + i, Value.ofText("v" + i));
      }
    }
    double clientDrivenForwarded = forwardedPuts(cluster) - before;

    System.out.printf(
        "forwarded puts of %d: any node %.0f (%d failed), client-driven %.0f%n",
        puts, anyNodeForwarded, anyNodeFailed, clientDrivenForwarded);
    // Two thirds expected: a node is the one replica of a third of the keys.
    assertThat(anyNodeForwarded).isGreaterThan(puts / 3.0);
    assertThat(clientDrivenForwarded).isLessThanOrEqualTo(puts * 0.01);
  }

  private void everyUpdateSucceedsWhileANodeIsKilled(LocalCluster cluster, List<URI> urls)
      throws Exception {
    List<String> keys = List.of("cart-1", "cart-2", "cart-3", "cart-4", "cart-5", "cart-6");
    int threads = 6;
    int updatesPerThread = 40;
    ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
    ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
    AtomicInteger done = new AtomicInteger();
    AtomicInteger leftSiblings = new AtomicInteger();
    try (DynakvClient client =
        DynakvClient.builder().nodes(urls).resolver(UNION).updateAttempts(10).build()) {
      // Every key exists first, so each update's write carries a context and may be retried.
      for (String key : keys) {
        client.update("carts", key, current -> encode(elements(current)));
      }
      List<Thread> workers = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        Thread worker =
            new Thread(
                () -> {
                  for (int i = 0; i < updatesPerThread; i++) {
                    String key = keys.get((thread + i) % keys.size());
                    String element = "t" + thread + "-" + i;
                    try {
                      if (client.update("carts", key, current -> with(current, element)).hasSiblings()) {
                        leftSiblings.incrementAndGet();
                      }
                      acknowledged.add(key + "/" + element);
                    } catch (Throwable e) {
                      failures.add(e);
                    }
                    done.incrementAndGet();
                  }
                },
                "client-update-" + t);
        worker.start();
        workers.add(worker);
      }
      Awaitility.await("a third of the updates done")
          .atMost(Duration.ofSeconds(120))
          .until(() -> done.get() >= threads * updatesPerThread / 3);
      cluster.node(2).kill();
      for (Thread worker : workers) {
        worker.join(Duration.ofMinutes(5).toMillis());
      }
      System.out.printf(
          "%d updates, %d failed, %d stored beside siblings they could not fold%n",
          done.get(), failures.size(), leftSiblings.get());
      assertThat(failures).as("updates that failed").isEmpty();
      assertThat(acknowledged).hasSize(threads * updatesPerThread);

      List<String> missing = new ArrayList<>();
      for (String key : keys) {
        Set<String> stored = elements(client.get("carts", key, UNION));
        for (String entry : acknowledged) {
          String[] parts = entry.split("/", 2);
          if (parts[0].equals(key) && !stored.contains(parts[1])) {
            missing.add(entry);
          }
        }
      }
      assertThat(missing).as("acknowledged elements missing").isEmpty();
    }
  }

  private static double forwardedPuts(LocalCluster cluster) throws Exception {
    double sum = 0;
    for (NodeProcess node : cluster.nodes()) {
      Http.Answer scrape = Http.get(node.uri("/metrics"));
      assertThat(scrape.status()).isEqualTo(200);
      sum += PrometheusText.parse(scrape.body()).family("dynakv_forwarded_puts_total").value(Map.of());
    }
    return sum;
  }

  private static Set<String> elements(Optional<Value> value) {
    Set<String> set = new TreeSet<>();
    value.ifPresent(
        v -> Arrays.stream(v.asText().split(",")).filter(s -> !s.isEmpty()).forEach(set::add));
    return set;
  }

  private static Value with(Optional<Value> current, String element) {
    Set<String> set = elements(current);
    set.add(element);
    return encode(set);
  }

  private static Value encode(Set<String> set) {
    return Value.ofText(String.join(",", set));
  }
}
