package io.dynakv.node.ring;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorRef;
import akka.actor.typed.javadsl.AskPattern;
import akka.cluster.typed.Cluster;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.TestNodes;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three nodes in one JVM, only node-1 and node-2 listed as admitted: node-3 connects but gets
 * no partitions, cannot admit itself, and joins the ring once an operator admits it.
 */
class ClaimantAdmissionTest {

  @TempDir Path root;
  private final List<TestNodes.Started> nodes = new ArrayList<>();

  @AfterEach
  void stopAll() {
    nodes.forEach(TestNodes.Started::stop);
  }

  private TestNodes.Started start(int i, String seed) throws Exception {
    String extra =
        "dynakv.node.id = \"node-" + i + "\"\n"
            + TestNodes.admitted("node-1", "node-2")
            + (seed == null ? "" : "akka.cluster.seed-nodes = [\"" + seed + "\"]\n");
    TestNodes.Started node = TestNodes.start(TestNodes.config(root.resolve("node-" + i), extra), true);
    nodes.add(node);
    return node;
  }

  private static Ring ring(TestNodes.Started node) throws Exception {
    return AskPattern.<RingManager.Command, Ring>ask(
            node.handle().ring(), RingManager.GetRing::new, Duration.ofSeconds(5), node.system().scheduler())
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
  }

  private static <T> Claimant.Answer ask(
      TestNodes.Started node, ActorRef<T> to, Function<ActorRef<Claimant.Answer>, T> message)
      throws Exception {
    return AskPattern.<T, Claimant.Answer>ask(to, message::apply, Duration.ofSeconds(10), node.system().scheduler())
        .toCompletableFuture()
        .get(15, TimeUnit.SECONDS);
  }

  @Test
  void aConnectedNodeThatIsNotAdmittedGetsNoPartitionsUntilAnOperatorAdmitsIt() throws Exception {
    TestNodes.Started n1 = start(1, null);
    String seed = Cluster.get(n1.system()).selfMember().address().toString();
    TestNodes.Started n2 = start(2, seed);
    // node-3 is ready (it knows the ring, so it can coordinate) without being a member.
    TestNodes.Started n3 = start(3, seed);

    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> ring(n1).members().equals(List.of("node-1", "node-2")) && ring(n3).equals(ring(n1)));
    // Ten times the settle time (300 ms) later, node-3 is still out.
    Awaitility.await()
        .during(Duration.ofSeconds(3))
        .atMost(Duration.ofSeconds(10))
        .ignoreExceptions()
        .until(() -> !ring(n1).isMember("node-3") && !ring(n3).isMember("node-3"));

    // It cannot let itself in: a node that was never admitted has no rejoin.
    Claimant.Answer self = ask(n3, n3.handle().ring(), RingManager.Rejoin::new);
    assertThat(self.accepted()).isFalse();
    assertThat(self.detail()).contains("dynakv join node-3", "/v1/cluster/admit/node-3");
    assertThat(ring(n1).isMember("node-3")).isFalse();

    // An operator admits it through any node: the next ring holds it, its partitions move.
    Claimant.Answer admitted =
        ask(n2, n2.handle().claimant(), replyTo -> new Claimant.Admit("node-3", replyTo));
    assertThat(admitted.accepted()).as(admitted.detail()).isTrue();
    assertThat(ring(n1).nextMembers()).contains("node-3");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .ignoreExceptions()
        .until(
            () -> {
              Ring r = ring(n3);
              return !r.inTransition()
                  && r.members().equals(List.of("node-1", "node-2", "node-3"))
                  && !r.partitionsOwnedBy("node-3").isEmpty();
            });
    // Admitting a member again changes nothing.
    Claimant.Answer again =
        ask(n1, n1.handle().claimant(), replyTo -> new Claimant.Admit("node-3", replyTo));
    assertThat(again.accepted()).isTrue();
    assertThat(again.detail()).contains("already in the ring");
  }

  @Test
  void aNodeThatLeftTheRingIsLetBackInByItsOwnRejoin() throws Exception {
    TestNodes.Started n1 = start(1, null);
    String seed = Cluster.get(n1.system()).selfMember().address().toString();
    TestNodes.Started n3 = start(3, seed);
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> ring(n3).equals(ring(n1)));
    // What node-3's RingManager sends when it had departed (it was admitted once, then left).
    // Asked again until the claimant's membership view has node-3 Up: it may get node-3's
    // ring before the Up event reaches the claimant.
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                ask(n3, n3.handle().claimant(), replyTo -> new Claimant.Rejoin("node-3", true, replyTo))
                    .accepted());
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .ignoreExceptions()
        .until(() -> ring(n1).members().equals(List.of("node-1", "node-3")));
  }

  @Test
  void anIdThatIsNotConnectedIsRefused() throws Exception {
    TestNodes.Started n1 = start(1, null);
    Claimant.Answer answer =
        ask(n1, n1.handle().claimant(), replyTo -> new Claimant.Admit("node-9", replyTo));
    assertThat(answer.accepted()).isFalse();
    assertThat(answer.detail()).contains("not connected");
    assertThat(ring(n1).members()).containsExactly("node-1");
  }
}
