package io.dynakv.node.routing;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.testkit.typed.javadsl.TestProbe;
import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.Props;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import io.dynakv.core.Key;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import io.dynakv.node.TestNodes;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.api.KvService;
import io.dynakv.node.coordinator.PutRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A forwarded put whose first target is slow to confirm (its messages arrive late) is passed
 * on to the next target; the slow one must not coordinate it too when the forward finally
 * arrives. Both targets here are the same real router of a one-node cluster, reached once
 * through a link that delays every message.
 */
class PutForwarderTest {

  @TempDir Path dataDir;

  /** Delivers every message to {@code target} after {@code delay}. */
  private static Behavior<RequestRouter.Command> slowLink(
      ActorRef<RequestRouter.Command> target, Duration delay) {
    return Behaviors.receive(
        (ctx, msg) -> {
          ctx.scheduleOnce(delay, target, msg);
          return Behaviors.same();
        });
  }

  @Test
  void aForwardConfirmedTooLateIsNeverCoordinatedASecondTime() throws Exception {
    TestNodes.Started node =
        TestNodes.start(TestNodes.config(dataDir, "dynakv.defaults { n = 1, r = 1, w = 1 }"));
    try {
      ActorRef<RequestRouter.Command> router = node.handle().router();
      ActorRef<RequestRouter.Command> slow =
          node.system().systemActorOf(slowLink(router, Duration.ofMillis(600)), "slow-link", Props.empty());
      TestProbe<KvResponse> client = TestProbe.create(node.system());
      Key key = new Key("b", "forwarded");
      PutRequest put =
          new PutRequest(
              key,
              VersionVector.empty(),
              Value.of("once".getBytes(StandardCharsets.UTF_8), "text/plain", 1L),
              1,
              1,
              false,
              Duration.ofSeconds(3),
              client.getRef());
      node.system()
          .systemActorOf(
              PutForwarder.create(put, List.of(slow, router), Duration.ofMillis(200)),
              "forwarder",
              Props.empty());

      assertThat(client.receiveMessage(Duration.ofSeconds(5))).isInstanceOf(KvResponse.Written.class);
      // Let the slow copy of the forward arrive and be dealt with.
      client.expectNoMessage(Duration.ofSeconds(2));

      KvResponse read =
          AskPattern.<KvService.Command, KvResponse>ask(
                  node.handle().kv(),
                  replyTo -> new KvService.Get("b", "forwarded", 1, null, replyTo),
                  Duration.ofSeconds(5),
                  node.system().scheduler())
              .toCompletableFuture()
              .get(10, TimeUnit.SECONDS);
      assertThat(read).isInstanceOf(KvResponse.Found.class);
      // One write, one coordination: one version, one dot (not two identical siblings).
      assertThat(((KvResponse.Found) read).object().siblings()).hasSize(1);
    } finally {
      node.stop();
    }
  }
}
