package io.dynakv.it;

import io.dynakv.it.history.AckedSetWorkload;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.awaitility.Awaitility;

/**
 * One fault under load: the acked-set workload runs, the fault is injected, lasts a while, is
 * healed, the load stops, and then the cycle measures how long the replicas took to converge
 * (every node answering the same set for every key, read with r=1 from each node).
 */
final class FaultCycle {

  interface Step {
    void run() throws Exception;
  }

  /**
   * What one cycle measured; {@code convergedMillis} counts from the heal. The fault lasted
   * from {@code injectedNanos} to {@code healedNanos} (System.nanoTime, as the history).
   */
  record Outcome(String fault, long injectedNanos, long healedNanos, long convergedMillis) {

    long faultMillis() {
      return (healedNanos - injectedNanos) / 1_000_000;
    }

    @Override
    public String toString() {
      return String.format(
          "%-55s fault %5.1f s, converged %5.1f s after heal", fault, faultMillis() / 1e3, convergedMillis / 1e3);
    }
  }

  private FaultCycle() {}

  static Outcome run(
      String fault,
      AckedSetWorkload load,
      int clients,
      List<URI> nodes,
      List<String> keys,
      String bucket,
      Step inject,
      Duration lasting,
      Step heal)
      throws Exception {
    load.resume();
    List<Throwable> loadFailure = new ArrayList<>();
    Thread clientsThread =
        new Thread(
            () -> {
              try {
                load.run(clients, Integer.MAX_VALUE, Duration.ofMinutes(30));
              } catch (Throwable t) {
                loadFailure.add(t);
              }
            },
            "fault-load");
    clientsThread.start();
    long healed;
    long started;
    try {
      // The fault strikes a loaded cluster: wait for the first add of this cycle to complete.
      int before = load.history().operations().size();
      Awaitility.await("the workload under way")
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(() -> load.history().operations().size() > before);
      started = System.nanoTime();
      try {
        inject.run();
        Thread.sleep(lasting.toMillis());
      } finally {
        heal.run();
      }
      healed = System.nanoTime();
      // Not a wait for a condition: the load goes on for a second on the healed cluster.
      Thread.sleep(1_000);
    } finally {
      load.stop();
      clientsThread.join();
    }
    if (!loadFailure.isEmpty()) {
      throw new AssertionError("the workload failed", loadFailure.get(0));
    }
    awaitConvergence(nodes, bucket, keys, Duration.ofSeconds(120));
    long converged = System.nanoTime();
    return new Outcome(fault, started, healed, (converged - healed) / 1_000_000);
  }

  /**
   * The workload's final read (with {@code query}, e.g. "?r=3"), retried for up to a minute:
   * right after a restart a replica may still be recovering and miss the read's deadline.
   */
  static Map<String, Set<String>> finalRead(AckedSetWorkload load, URI node, String query)
      throws Exception {
    List<Map<String, Set<String>>> read = new ArrayList<>();
    Awaitility.await("final read " + query)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(() -> read.add(load.finalRead(node, query)));
    return read.get(0);
  }

  /** Waits until every node reads the same set for every key (r=1 each); fails after atMost. */
  static void awaitConvergence(List<URI> nodes, String bucket, List<String> keys, Duration atMost)
      throws Exception {
    long deadline = System.nanoTime() + atMost.toNanos();
    String last = "";
    while (System.nanoTime() < deadline) {
      try {
        Set<Map<String, Set<String>>> views = new HashSet<>();
        for (URI node : nodes) {
          try (AckedSetWorkload reader =
              new AckedSetWorkload(List.of(node), bucket, keys, new io.dynakv.it.history.History())) {
            views.add(reader.finalRead(node, "?r=1"));
          }
        }
        if (views.size() == 1) {
          return;
        }
        last = views.size() + " different views";
      } catch (Exception e) {
        last = e.toString();
      }
      Thread.sleep(500);
    }
    throw new AssertionError("replicas did not converge within " + atMost + ": " + last);
  }
}
