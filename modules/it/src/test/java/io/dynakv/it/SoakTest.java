package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.it.history.AckedSetChecker;
import io.dynakv.it.history.AckedSetWorkload;
import io.dynakv.it.history.History;
import io.dynakv.it.history.Operation;
import io.dynakv.it.history.SiblingExplosionChecker;
import io.dynakv.it.history.SiblingExplosionWorkload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The soak tier (run by {@code deploy/soak.sh}, Maven profile {@code soak}): three node JVMs
 * on 127.0.0.1-3 under the shopping-cart workload through many fault cycles — by default 20
 * kill -9 cycles (a different node each time, down 10 s) and 10 partition cycles (majority /
 * minority, bridge, one-way loss in turn, 10 s each) — then a sibling-explosion run. Prints
 * operations, acknowledged, lost, unavailable %, write availability while one node was down,
 * convergence after every heal, and the most siblings seen.
 */
@Tag("soak")
class SoakTest {

  private static final String BUCKET = "soak";
  private static final List<String> KEYS = List.of("a", "b", "c", "d", "e", "f");

  @TempDir Path root;

  @Test
  void manyFaultCyclesUnderLoad() throws Exception {
    int kills = Integer.getInteger("dynakv.soak.kills", 20);
    int partitions = Integer.getInteger("dynakv.soak.partitions", 10);
    Duration lasting = Duration.ofSeconds(Integer.getInteger("dynakv.soak.fault-seconds", 10));
    long began = System.nanoTime();
    try (LocalCluster cluster =
            LocalCluster.startDistinct(3, root, Map.of("dynakv.anti-entropy.interval", "5s"));
        Network net = Network.install()) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      List<NodeProcess> n = cluster.nodes();
      List<URI> nodes = n.stream().map(p -> p.uri("")).toList();
      History history = new History();
      AckedSetWorkload carts = new AckedSetWorkload(nodes, BUCKET, KEYS, history);
      List<FaultCycle.Outcome> outcomes = new ArrayList<>();
      List<FaultCycle.Outcome> oneDown = new ArrayList<>();

      for (int i = 0; i < kills; i++) {
        NodeProcess victim = n.get(i % 3);
        FaultCycle.Outcome o =
            FaultCycle.run(
                "kill -9 " + victim.nodeId() + " (cycle " + (i + 1) + ")",
                carts,
                4,
                nodes,
                KEYS,
                BUCKET,
                victim::kill,
                lasting,
                () -> {
                  victim.start();
                  victim.awaitReady(Duration.ofSeconds(90));
                });
        outcomes.add(o);
        oneDown.add(o);
        System.out.println(o);
      }
      for (int i = 0; i < partitions; i++) {
        NodeProcess a = n.get(i % 3);
        NodeProcess b = n.get((i + 1) % 3);
        NodeProcess c = n.get((i + 2) % 3);
        String name;
        FaultCycle.Step inject;
        switch (i % 3) {
          case 0 -> {
            name = "partition {" + a.nodeId() + "," + b.nodeId() + "} / {" + c.nodeId() + "}";
            inject = () -> net.partition(List.of(a, b), List.of(c));
          }
          case 1 -> {
            name = "bridge: " + a.nodeId() + " - " + c.nodeId() + " cut";
            inject = () -> net.cut(a, c);
          }
          default -> {
            name = "one-way loss " + a.nodeId() + " -> " + b.nodeId();
            inject = () -> net.dropOneWay(a, b);
          }
        }
        FaultCycle.Outcome o =
            FaultCycle.run(name + " (cycle " + (i + 1) + ")", carts, 4, nodes, KEYS, BUCKET, inject, lasting, net::heal);
        outcomes.add(o);
        System.out.println(o);
      }
      assertThat(net.rules()).isEmpty();

      Map<String, Set<String>> found = FaultCycle.finalRead(carts, nodes.get(0), "?r=3");
      carts.close();
      AckedSetChecker.Result result = AckedSetChecker.check(history.operations(), found);

      History siblingHistory = new History();
      SiblingExplosionWorkload explosion =
          new SiblingExplosionWorkload(nodes.get(0), nodes.get(1), "explosion", "k", siblingHistory);
      explosion.run(100);
      SiblingExplosionChecker.Result siblings =
          new SiblingExplosionChecker()
              .check(siblingHistory.operations(), explosion.finalSiblings(nodes.get(2), "?r=3"));
      explosion.close();

      List<Operation> adds = history.ofType(Operation.Type.ADD);
      long unavailable = adds.stream().filter(op -> !op.ok()).count();
      List<Operation> duringOneDown =
          adds.stream()
              .filter(op -> oneDown.stream().anyMatch(o -> op.invokeNanos() >= o.injectedNanos() && op.invokeNanos() < o.healedNanos()))
              .toList();
      long okOneDown = duringOneDown.stream().filter(Operation::ok).count();
      long maxConverge = outcomes.stream().mapToLong(FaultCycle.Outcome::convergedMillis).max().orElse(0);
      double avgConverge = outcomes.stream().mapToLong(FaultCycle.Outcome::convergedMillis).average().orElse(0);

      System.out.println("=== soak figures");
      System.out.printf("run length            %.1f min, %d kill -9 cycles, %d partition cycles, faults of %d s%n",
          (System.nanoTime() - began) / 60e9, kills, partitions, lasting.toSeconds());
      System.out.printf("operations (adds)     %d%n", adds.size());
      System.out.printf("acknowledged          %d%n", result.acknowledged());
      System.out.printf("acknowledged lost     %d%n", result.lost().size());
      System.out.printf("unacknowledged found  %d%n", result.unacknowledgedFound().size());
      System.out.printf("unavailable           %.3f %% of all adds (failed or unknown)%n", 100.0 * unavailable / Math.max(1, adds.size()));
      System.out.printf("write availability    %.3f %% of %d adds invoked while one node was down%n",
          100.0 * okOneDown / Math.max(1, duringOneDown.size()), duringOneDown.size());
      System.out.printf("convergence           every heal; max %.1f s, mean %.1f s after heal%n", maxConverge / 1e3, avgConverge / 1e3);
      System.out.println("sibling explosion     " + siblings.summary());
      System.out.println("acked set             " + result.summary());

      assertThat(result.lost()).as("acknowledged elements lost").isEmpty();
      assertThat(result.valid()).as(result.summary()).isTrue();
      assertThat(siblings.valid()).as(siblings.summary()).isTrue();
      assertThat(100.0 * okOneDown / Math.max(1, duringOneDown.size()))
          .as("write availability with one of three nodes down")
          .isGreaterThanOrEqualTo(99.9);
    } finally {
      assertThat(Network.chainExists()).as("iptables chain left behind").isFalse();
    }
  }
}
