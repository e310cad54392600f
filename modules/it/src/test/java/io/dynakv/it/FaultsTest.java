package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.it.history.AckedSetChecker;
import io.dynakv.it.history.AckedSetWorkload;
import io.dynakv.it.history.History;
import io.dynakv.it.history.RegisterChecker;
import io.dynakv.it.history.RegisterWorkload;
import io.dynakv.it.history.SiblingExplosionChecker;
import io.dynakv.it.history.SiblingExplosionWorkload;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fast tier of the fault suite: three node JVMs on 127.0.0.1-3, the shopping-cart workload
 * running through all of them while one fault of each kind comes and goes — kill -9 and
 * restart, a long pause (SIGSTOP), a majority/minority partition, a bridge, one-way loss, and
 * a crash of the whole cluster. After each heal the replicas must converge; at the end no
 * acknowledged element may be missing from a read at r=3. Then, with no faults, the register
 * and sibling-explosion histories must check out. No iptables rule and no process is left
 * behind, whatever happens.
 */
class FaultsTest {

  private static final String BUCKET = "carts";
  private static final List<String> KEYS = List.of("a", "b", "c", "d");

  @TempDir Path root;

  @Test
  void noAcknowledgedWriteIsLostUnderAnyKindOfFault() throws Exception {
    boolean network = Network.usable();
    if (!network) {
      System.out.println(
          "FaultsTest: iptables is not usable here (it needs root and the iptables package): "
              + "the partition, bridge and one-way cycles are left out; .ci/run runs them");
    }
    try (LocalCluster cluster =
            LocalCluster.startDistinct(3, root, Map.of("dynakv.anti-entropy.interval", "2s"));
        Network net = network ? Network.install() : null) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      NodeProcess n2 = cluster.node(2);
      NodeProcess n3 = cluster.node(3);
      List<URI> nodes = cluster.nodes().stream().map(n -> n.uri("")).toList();
      History history = new History();
      AckedSetWorkload carts = new AckedSetWorkload(nodes, BUCKET, KEYS, history);
      Duration lasting = Duration.ofSeconds(8);
      List<FaultCycle.Outcome> outcomes = new ArrayList<>();

      outcomes.add(cycle("kill -9 node-3, restart", carts, nodes, n3::kill, lasting, () -> restart(n3)));
      outcomes.add(cycle("SIGSTOP node-2 (a long pause), SIGCONT", carts, nodes, n2::pause, lasting, n2::resume));
      if (net != null) {
        outcomes.add(
            cycle(
                "partition: majority {1,2} / minority {3}",
                carts,
                nodes,
                () -> net.partition(List.of(n1, n2), List.of(n3)),
                lasting,
                net::heal));
        outcomes.add(
            cycle("bridge: 1-3 cut, 2 sees both", carts, nodes, () -> net.cut(n1, n3), lasting, net::heal));
        outcomes.add(
            cycle(
                "one-way loss: node-1 -> node-2",
                carts,
                nodes,
                () -> net.dropOneWay(n1, n2),
                lasting,
                net::heal));
      }
      outcomes.add(
          cycle(
              "kill -9 every node, restart all",
              carts,
              nodes,
              () -> {
                for (NodeProcess n : cluster.nodes()) {
                  n.kill();
                }
              },
              Duration.ofSeconds(2),
              () -> {
                for (NodeProcess n : cluster.nodes()) {
                  n.start();
                }
                for (NodeProcess n : cluster.nodes()) {
                  n.awaitReady(Duration.ofSeconds(90));
                }
              }));
      if (net != null) {
        assertThat(net.rules()).as("rules left after healing").isEmpty();
      }

      Map<String, Set<String>> found = FaultCycle.finalRead(carts, nodes.get(0), "?r=3");
      carts.close();
      AckedSetChecker.Result result = AckedSetChecker.check(history.operations(), found);
      System.out.println("fault cycles:");
      outcomes.forEach(o -> System.out.println("  " + o));
      System.out.println("acked set: " + result.summary());
      assertThat(result.valid()).as(result.summary()).isTrue();
      assertThat(result.acknowledged()).isGreaterThan(50);

      // No faults now: a register with R + W > N, and two clients resolving siblings.
      History registerHistory = new History();
      try (RegisterWorkload register = new RegisterWorkload(nodes, "register", "r", registerHistory)) {
        register.run(2, 2, 40, Duration.ofSeconds(60));
      }
      RegisterChecker.Result register = RegisterChecker.check(registerHistory.operations());
      System.out.println("register: " + register.summary());
      assertThat(register.valid()).as(register.summary()).isTrue();

      History siblingHistory = new History();
      SiblingExplosionWorkload explosion =
          new SiblingExplosionWorkload(nodes.get(0), nodes.get(1), "explosion", "k", siblingHistory);
      explosion.run(100);
      explosion.close();
      SiblingExplosionChecker.Result siblings =
          new SiblingExplosionChecker().check(siblingHistory.operations(), explosion.finalSiblings(nodes.get(2), "?r=3"));
      System.out.println("sibling explosion: " + siblings.summary());
      assertThat(siblings.valid()).as(siblings.summary()).isTrue();
    } finally {
      assertThat(Network.chainExists()).as("iptables chain left behind").isFalse();
    }
  }

  private static FaultCycle.Outcome cycle(
      String name,
      AckedSetWorkload carts,
      List<URI> nodes,
      FaultCycle.Step inject,
      Duration lasting,
      FaultCycle.Step heal)
      throws Exception {
    return FaultCycle.run(name, carts, 3, nodes, KEYS, BUCKET, inject, lasting, heal);
  }

  private static void restart(NodeProcess node) throws Exception {
    node.start();
    node.awaitReady(Duration.ofSeconds(90));
  }
}
