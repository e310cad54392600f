package io.dynakv.node;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorRef;
import akka.actor.typed.Behavior;
import akka.actor.typed.javadsl.AskPattern;
import akka.actor.typed.javadsl.Behaviors;
import akka.actor.typed.receptionist.Receptionist;
import io.dynakv.core.version.Value;
import io.dynakv.node.api.DynakvClient;
import io.dynakv.node.api.KvResponse;
import io.dynakv.node.api.KvService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A whole node in one JVM with its real store, driven through the actor API. */
class SingleNodeKvTest {

  @TempDir Path dataDir;

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static KvResponse await(java.util.concurrent.CompletionStage<KvResponse> stage)
      throws Exception {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  private static List<String> texts(KvResponse response) {
    assertThat(response).isInstanceOfAny(KvResponse.Found.class, KvResponse.WrittenWithSiblings.class);
    var object =
        response instanceof KvResponse.Found found
            ? found.object()
            : ((KvResponse.WrittenWithSiblings) response).object();
    return object.values().stream()
            .filter(v -> !v.deleted())
            .map(Value::bytes)
            .map(b -> new String(b, StandardCharsets.UTF_8))
            .sorted()
            .toList();
  }

  @Test
  void putThenGetReturnsTheValueAndSiblingsResolveWithTheirContext() throws Exception {
    TestNodes.Started node = TestNodes.start(TestNodes.config(dataDir, null));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      assertThat(await(client.put("b", "k", null, bytes("one"), "text/plain")))
          .isInstanceOf(KvResponse.Written.class);
      assertThat(texts(await(client.get("b", "k")))).containsExactly("one");

      // A second blind put is concurrent with the first: both survive as siblings, and the
      // put's answer shows them.
      assertThat(texts(await(client.put("b", "k", null, bytes("two"), "text/plain"))))
          .containsExactly("one", "two");
      KvResponse both = await(client.get("b", "k"));
      assertThat(texts(both)).containsExactly("one", "two");

      var context = ((KvResponse.Found) both).object().context();
      await(client.put("b", "k", context, bytes("three"), "text/plain"));
      assertThat(texts(await(client.get("b", "k")))).containsExactly("three");

      var ctx3 = ((KvResponse.Found) await(client.get("b", "k"))).object().context();
      assertThat(await(client.delete("b", "k", ctx3))).isInstanceOf(KvResponse.Written.class);
      KvResponse gone = await(client.get("b", "k"));
      assertThat(gone).isInstanceOf(KvResponse.NotFound.class);
      assertThat(((KvResponse.NotFound) gone).context().isEmpty()).isFalse();

      await(client.put("b", "k", ((KvResponse.NotFound) gone).context(), bytes("four"), "text/plain"));
      assertThat(texts(await(client.get("b", "k")))).containsExactly("four");
    } finally {
      node.stop();
    }
  }

  /** The X/Y sequence of issue 8 through the actor API: Y's v1 is never lost unseen. */
  @Test
  void aPutThatLeavesSiblingsAnswersWithThemAndTheirContext() throws Exception {
    TestNodes.Started node = TestNodes.start(TestNodes.config(dataDir, null));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      await(client.put("b", "k", null, bytes("v0"), "text/plain"));
      var c0 = ((KvResponse.Found) await(client.get("b", "k"))).object().context();
      assertThat(await(client.put("b", "k", c0, bytes("v1"), "text/plain")))
          .isInstanceOf(KvResponse.Written.class);

      KvResponse x = await(client.put("b", "k", c0, bytes("v2"), "text/plain"));
      assertThat(x).isInstanceOf(KvResponse.WrittenWithSiblings.class);
      assertThat(texts(x)).containsExactly("v1", "v2");
      var shown = ((KvResponse.WrittenWithSiblings) x).object().context();

      assertThat(await(client.put("b", "k", shown, bytes("v3"), "text/plain")))
          .isInstanceOf(KvResponse.Written.class);
      assertThat(texts(await(client.get("b", "k")))).containsExactly("v3");

      // A delete with a stale context leaves the live sibling and says so.
      var c3 = ((KvResponse.Found) await(client.get("b", "k"))).object().context();
      await(client.put("b", "k", c3, bytes("v4"), "text/plain"));
      KvResponse delete = await(client.delete("b", "k", c3));
      assertThat(delete).isInstanceOf(KvResponse.WrittenWithSiblings.class);
      assertThat(texts(delete)).containsExactly("v4");
    } finally {
      node.stop();
    }
  }

  @Test
  void everyAcknowledgedWriteSurvivesARestartSiblingsIncluded() throws Exception {
    TestNodes.Started node = TestNodes.start(TestNodes.config(dataDir, null));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      for (int i = 0; i < 200; i++) {
        await(client.put("b", "key-" + i, null, bytes("v" + i), "text/plain"));
      }
      await(client.put("b", "key-0", null, bytes("sibling"), "text/plain"));
    } finally {
      node.stop();
    }
    TestNodes.Started again = TestNodes.start(TestNodes.config(dataDir, null));
    try {
      DynakvClient client = new DynakvClient(again.handle().kv(), again.system(), Duration.ofSeconds(10));
      for (int i = 1; i < 200; i++) {
        assertThat(texts(await(client.get("b", "key-" + i)))).containsExactly("v" + i);
      }
      assertThat(texts(await(client.get("b", "key-0")))).containsExactly("sibling", "v0");
    } finally {
      again.stop();
    }
  }

  @Test
  void siblingsThatWouldOutgrowTheObjectCapAreRefusedUntilResolved() throws Exception {
    TestNodes.Started node =
        TestNodes.start(
            TestNodes.config(
                dataDir, "dynakv.limits.max-value-bytes = 1KiB\ndynakv.limits.max-object-bytes = 2500"));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      await(client.put("b", "k", null, new byte[1000], null));
      assertThat(await(client.put("b", "k", null, new byte[1000], null)))
          .isInstanceOf(KvResponse.WrittenWithSiblings.class);
      // A third concurrent 1000-byte version would make the object ~3.1 KB: refused, and
      // nothing of it stored.
      KvResponse third = await(client.put("b", "k", null, new byte[1000], null));
      assertThat(third).isInstanceOf(KvResponse.Rejected.class);
      assertThat(((KvResponse.Rejected) third).tooLarge()).isTrue();
      assertThat(((KvResponse.Rejected) third).detail()).contains("limits.max-object-bytes");
      KvResponse.Found two = (KvResponse.Found) await(client.get("b", "k"));
      assertThat(two.object().values()).hasSize(2);
      // A write with the siblings' context replaces them: accepted.
      assertThat(await(client.put("b", "k", two.object().context(), bytes("merged"), null)))
          .isInstanceOf(KvResponse.Written.class);
      assertThat(texts(await(client.get("b", "k")))).containsExactly("merged");
    } finally {
      node.stop();
    }
  }

  @Test
  void badInputIsRejectedNamingTheField() throws Exception {
    TestNodes.Started node =
        TestNodes.start(TestNodes.config(dataDir, "dynakv.limits.max-value-bytes = 1KiB"));
    try {
      DynakvClient client = new DynakvClient(node.handle().kv(), node.system(), Duration.ofSeconds(10));
      assertThat(field(await(client.put("a/b", "k", null, bytes("x"), null)))).isEqualTo("bucket");
      assertThat(field(await(client.put("b", "k".repeat(2048), null, bytes("x"), null)))).isEqualTo("key");
      KvResponse tooBig = await(client.put("b", "k", null, new byte[1025], null));
      assertThat(field(tooBig)).isEqualTo("value");
      assertThat(((KvResponse.Rejected) tooBig).tooLarge()).isTrue();
      KvResponse r0 =
          await(
              AskPattern.ask(
                  node.handle().kv(),
                  (ActorRef<KvResponse> replyTo) -> new KvService.Get("b", "k", 0, null, replyTo),
                  Duration.ofSeconds(5),
                  node.system().scheduler()));
      assertThat(field(r0)).isEqualTo("r");
      KvResponse r9 =
          await(
              AskPattern.ask(
                  node.handle().kv(),
                  (ActorRef<KvResponse> replyTo) -> new KvService.Get("b", "k", 9, null, replyTo),
                  Duration.ofSeconds(5),
                  node.system().scheduler()));
      assertThat(field(r9)).isEqualTo("r");
      // Still serving.
      assertThat(await(client.put("b", "k", null, bytes("fine"), null))).isInstanceOf(KvResponse.Written.class);
    } finally {
      node.stop();
    }
  }

  private static String field(KvResponse response) {
    assertThat(response).isInstanceOf(KvResponse.Rejected.class);
    return ((KvResponse.Rejected) response).field();
  }

  /** A service in the same JVM that only knows the Receptionist key. */
  private static Behavior<Receptionist.Listing> colocatedCaller(
      CompletableFuture<KvResponse> result) {
    return Behaviors.setup(
        ctx -> {
          ctx.getSystem().receptionist().tell(Receptionist.subscribe(KvService.KEY, ctx.getSelf()));
          return Behaviors.receiveMessage(
              listing -> {
                var services = listing.getServiceInstances(KvService.KEY);
                if (services.isEmpty()) {
                  return Behaviors.same();
                }
                ActorRef<KvService.Command> kv = services.iterator().next();
                DynakvClient client = new DynakvClient(kv, ctx.getSystem(), Duration.ofSeconds(10));
                client
                    .put("colocated", "k", null, bytes("hello"), "text/plain")
                    .thenCompose(written -> client.get("colocated", "k"))
                    .whenComplete(
                        (r, e) -> {
                          if (e != null) {
                            result.completeExceptionally(e);
                          } else {
                            result.complete(r);
                          }
                        });
                return Behaviors.stopped();
              });
        });
  }

  @Test
  void aColocatedActorFindsTheServiceThroughTheReceptionist() throws Exception {
    TestNodes.Started node = TestNodes.start(TestNodes.config(dataDir, null));
    try {
      CompletableFuture<KvResponse> result = new CompletableFuture<>();
      node.system().systemActorOf(colocatedCaller(result), "colocated-caller", akka.actor.typed.Props.empty());
      assertThat(texts(result.get(15, TimeUnit.SECONDS))).containsExactly("hello");
    } finally {
      node.stop();
    }
  }
}
