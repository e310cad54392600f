package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.it.history.CompactSet;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 8, item 2: one key written many times, through every node, by clients that read,
 * merge and write back a cart (a set of numbered elements, kept as ranges), while the cluster
 * goes through kill -9 / restart cycles, a join, a leave, and tombstone reaping rounds on
 * other keys of the key's partition. Its context must stay within {@value #MAX_CONTEXT_CHARS}
 * characters throughout, and no acknowledged element may be missing at the end.
 *
 * <p>The run (10,000 writes, 20 cycles) is the soak
 * tier's ({@code mvn -pl modules/it test -Psoak -Dtest=ClockBoundTest}); {@code mvn verify} runs 1,500 writes and 6
 * cycles. -Ddynakv.it.clock-writes and -Ddynakv.it.clock-cycles set other sizes.
 *
 * <p>Before the fix every reaping round (and every handoff drop) gave each replica of the
 * partition a new writer id, and every write of the key through it added a clock entry.
 */
class ClockBoundTest {

  /** The bound docs/architecture.md states for a context in a cluster of this size. */
  static final int MAX_CONTEXT_CHARS = 1024;

  private static final String BUCKET = "clock";
  private static final String HOT = "hot";

  @TempDir Path root;

  private final List<NodeProcess> endpoints = new CopyOnWriteArrayList<>();
  private final Set<Long> acknowledged = new ConcurrentSkipListSet<>();
  private final AtomicLong elements = new AtomicLong();
  private final AtomicInteger longestContext = new AtomicInteger();
  private final AtomicInteger writesAcked = new AtomicInteger();
  private final AtomicInteger writesUnknown = new AtomicInteger();
  private final AtomicBoolean scheduleDone = new AtomicBoolean();
  private final AtomicBoolean stop = new AtomicBoolean();

  private int writes;
  private int cycles;

  @Test
  void aKeyWrittenThroughFailuresJoinsLeavesAndReapingKeepsASmallContextAndEveryAckedWrite()
      throws Exception {
    run(Integer.getInteger("dynakv.it.clock-writes", 1_500), Integer.getInteger("dynakv.it.clock-cycles", 6));
  }

  /** The figures: 10,000 writes of one key, 20 kill -9 cycles. */
  @Test
  @org.junit.jupiter.api.Tag("soak")
  void tenThousandWritesOfOneKeyThroughTwentyKillCyclesAJoinALeaveAndReaping() throws Exception {
    run(10_000, 20);
  }

  private void run(int writes, int cycles) throws Exception {
    this.writes = writes;
    this.cycles = cycles;
    Map<String, String> props =
        Map.of(
            "dynakv.anti-entropy.interval", "2s",
            "dynakv.tombstones.interval", "1s",
            "dynakv.tombstones.grace", "8s",
            "dynakv.request.max-timeout", "4s");
    try (LocalCluster cluster = LocalCluster.start(3, root, props)) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      endpoints.addAll(cluster.nodes());
      int partition = partitionOf(cluster.node(1), HOT);
      assertThat(new Partitioning(256).partitionOf(new Key(BUCKET, HOT))).isEqualTo(partition);

      long started = System.nanoTime();
      List<Thread> threads = new ArrayList<>();
      for (int c = 0; c < 3; c++) {
        int client = c;
        threads.add(start("clock-writer-" + c, () -> writeLoop(client)));
      }
      threads.add(start("clock-churn", () -> churn(partition)));

      // Ten kill -9 cycles over nodes 1-3, a join, ten more over nodes 1-4, a leave.
      for (int cycle = 0; cycle < cycles / 2; cycle++) {
        killAndRestart(cluster.node(1 + cycle % 3));
      }
      quiet(cluster.nodes()); // reaping rounds run while every member is up
      NodeProcess n4 = cluster.addNode();
      endpoints.add(n4);
      ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      ClusterSupport.awaitNoPendingHandoff(cluster.nodes(), Duration.ofSeconds(180));
      for (int cycle = cycles / 2; cycle < cycles; cycle++) {
        killAndRestart(cluster.node(1 + cycle % 4));
      }
      quiet(cluster.nodes());
      assertThat(Http.post(cluster.node(1).uri("/v1/cluster/leave/node-4")).status()).isEqualTo(202);
      Awaitility.await().atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1)).until(() -> !n4.isAlive());
      endpoints.remove(n4);
      List<NodeProcess> remaining = List.of(cluster.node(1), cluster.node(2), cluster.node(3));
      ClusterSupport.awaitCommonRing(remaining, 3);
      quiet(remaining);
      scheduleDone.set(true);
      Awaitility.await()
          .atMost(Duration.ofMinutes(10))
          .pollInterval(Duration.ofSeconds(1))
          .until(() -> writesAcked.get() >= writes);
      stop.set(true);
      for (Thread t : threads) {
        t.join();
      }

      ClusterSupport.awaitNoPendingHandoff(remaining, Duration.ofSeconds(120));
      TreeSet<Long> missing = new TreeSet<>();
      Awaitility.await()
          .atMost(Duration.ofSeconds(90))
          .pollInterval(Duration.ofSeconds(2))
          .ignoreExceptions()
          .until(
              () -> {
                Http.Answer all = Http.get(keyUri(cluster.node(1), HOT, "?r=3"));
                recordContext(all.context());
                TreeSet<Long> found = CompactSet.ofAnswer(all.status(), all.body());
                missing.clear();
                missing.addAll(acknowledged);
                missing.removeAll(found);
                return missing.isEmpty();
              });
      Http.Answer last = Http.get(keyUri(cluster.node(2), HOT, "?r=3"));
      System.out.printf(
          "clock bound: %d writes acknowledged, %d unknown, %d acked elements, longest context %d"
              + " characters, final context %d characters, %d kill -9 cycles, a join and a leave,"
              + " %d s%n",
          writesAcked.get(),
          writesUnknown.get(),
          acknowledged.size(),
          longestContext.get(),
          last.context().length(),
          cycles,
          (System.nanoTime() - started) / 1_000_000_000L);
      for (NodeProcess n : remaining) {
        System.out.println("  " + n.nodeId() + " tombstones: " + Json.parse(Http.get(n.uri("/v1/status")).body()).get("tombstones"));
      }
      assertThat(missing).as("acknowledged elements lost").isEmpty();
      assertThat(writesAcked.get()).isGreaterThanOrEqualTo(writes);
      assertThat(longestContext.get()).as("longest context seen").isLessThanOrEqualTo(MAX_CONTEXT_CHARS);
    } finally {
      stop.set(true);
    }
  }

  private static Thread start(String name, Runnable body) {
    Thread t = new Thread(body, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  private void killAndRestart(NodeProcess node) throws Exception {
    node.kill();
    pause(Duration.ofSeconds(3));
    node.start();
    node.awaitReady(Duration.ofSeconds(90));
    pause(Duration.ofSeconds(1));
  }

  /** Every member up and no handoff pending for a while: reaping rounds can run. */
  private static void quiet(List<NodeProcess> nodes) throws Exception {
    try {
      ClusterSupport.awaitNoPendingHandoff(nodes, Duration.ofSeconds(120));
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      for (NodeProcess n : nodes) {
        System.out.println(n.nodeId() + " handoff: " + Http.get(n.uri("/v1/handoff")).body());
        System.out.println(n.nodeId() + " ring: " + Http.get(n.uri("/v1/ring")).body().replaceAll("\\[\"node[^\\]]*\\]", "[..]"));
      }
      throw e;
    }
    pause(Duration.ofSeconds(12));
  }

  private static void pause(Duration d) throws InterruptedException {
    Thread.sleep(d.toMillis()); // a load phase: the workload runs meanwhile
  }

  /** Read the cart, merge its siblings, add one element, write it back with the context. */
  private void writeLoop(int client) {
    int turn = client;
    while (!stop.get() && !(scheduleDone.get() && writesAcked.get() >= writes)) {
      long element = elements.incrementAndGet();
      List<NodeProcess> nodes = List.copyOf(endpoints);
      boolean sent = false;
      for (int i = 0; i < nodes.size() && !sent; i++) {
        NodeProcess via = nodes.get((turn + i) % nodes.size());
        try {
          Http.Answer read = Http.get(keyUri(via, HOT, ""));
          if (read.status() != 200 && read.status() != 300 && read.status() != 404) {
            continue;
          }
          recordContext(read.context());
          TreeSet<Long> cart = CompactSet.ofAnswer(read.status(), read.body());
          cart.add(element);
          sent = true;
          Http.Answer write = Http.put(keyUri(via, HOT, ""), CompactSet.encode(cart), "text/plain", read.context());
          recordContext(write.context());
          if (write.status() == 204 || write.status() == 300) {
            acknowledged.add(element);
            writesAcked.incrementAndGet();
          } else if (write.status() >= 500) {
            writesUnknown.incrementAndGet();
          } else {
            throw new AssertionError("write refused: " + write.status() + " " + write.body());
          }
        } catch (AssertionError e) {
          throw e;
        } catch (Exception e) {
          if (sent) {
            writesUnknown.incrementAndGet(); // the write may or may not have been applied
          }
        }
      }
      if (!sent) {
        sleepQuietly(50); // every node failed the read: back off like a real client
      }
      turn++;
    }
  }

  /**
   * Writes and deletes new keys of the hot key's partition, one after another, so that every
   * quiet moment past the grace finds tombstones there to reap (each reap drops keys on the
   * partition's replicas).
   */
  private void churn(int partition) {
    Partitioning partitioning = new Partitioning(256);
    int candidate = 0;
    int i = 0;
    while (!stop.get()) {
      String key;
      do {
        key = "t" + candidate++;
      } while (partitioning.partitionOf(new Key(BUCKET, key)) != partition);
      List<NodeProcess> nodes = List.copyOf(endpoints);
      NodeProcess via = nodes.get(i++ % nodes.size());
      try {
        Http.put(keyUri(via, key, ""), "x", "text/plain", null);
        Http.Answer read = Http.get(keyUri(via, key, ""));
        if (read.context() != null) {
          Http.delete(keyUri(via, key, ""), read.context());
        }
      } catch (Exception e) {
        // a node down: the next key goes through another
      }
      sleepQuietly(300);
    }
  }

  private void recordContext(String context) {
    if (context != null) {
      longestContext.accumulateAndGet(context.length(), Math::max);
    }
  }

  private static int partitionOf(NodeProcess node, String key) throws Exception {
    return Json.parse(Http.get(node.uri("/v1/preflist/" + BUCKET + "/" + key)).body()).get("partition").asInt();
  }

  private static URI keyUri(NodeProcess node, String key, String query) {
    return node.uri("/v1/buckets/" + BUCKET + "/keys/" + key + query);
  }

  private static void sleepQuietly(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
