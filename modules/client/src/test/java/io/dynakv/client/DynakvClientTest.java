package io.dynakv.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.client.StubNode.Answer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DynakvClientTest {

  private final List<AutoCloseable> toClose = new java.util.ArrayList<>();

  @AfterEach
  void closeAll() throws Exception {
    for (AutoCloseable c : toClose) {
      c.close();
    }
  }

  private StubNode stub(StubNode.Handler handler) {
    StubNode node = new StubNode(handler);
    toClose.add(node);
    return node;
  }

  private DynakvClient.Builder anyNode() {
    return DynakvClient.builder()
        .routing(Routing.ANY_NODE)
        .retryPolicy(new RetryPolicy(2, Duration.ofMillis(10), Duration.ofMillis(20)))
        .requestTimeout(Duration.ofSeconds(5));
  }

  private DynakvClient client(DynakvClient.Builder builder) {
    DynakvClient client = builder.build();
    toClose.add(client);
    return client;
  }

  private static Answer value(String text) {
    return Answer.of(200, text, "Content-Type", "text/plain", "X-Context", "ctx-1");
  }

  @Test
  void aRefusedConnectionFailsOverToTheNextNode() {
    StubNode live = stub(r -> value("hello"));
    DynakvClient client = client(anyNode().node(StubNode.refusing()).node(live.uri()));

    for (int i = 0; i < 4; i++) {
      GetResult read = client.get("b", "k");
      assertThat(read.value()).hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("hello"));
      assertThat(read.context()).contains(new Context("ctx-1"));
    }
    assertThat(live.requests).hasSize(4);
  }

  @Test
  void aReadFailsOverOnA5xx() {
    StubNode failing = stub(r -> Answer.json(503, "{\"error\":\"quorum not met\"}"));
    StubNode live = stub(r -> value("v"));
    DynakvClient client = client(anyNode().node(failing.uri()).node(live.uri()));

    assertThat(client.get("b", "k").value()).isPresent();
    assertThat(client.get("b", "k").value()).isPresent();
    assertThat(live.requests).hasSize(2);
  }

  @Test
  void aBlindPutIsNotSentAgainAfterAnAmbiguous5xx() {
    StubNode failing = stub(r -> Answer.json(503, "{\"error\":\"quorum not met\",\"detail\":\"1 of 2\"}"));
    StubNode live = stub(r -> Answer.of(204, null, "X-Context", "c"));
    DynakvClient client = client(anyNode().node(failing.uri()).node(live.uri()));

    assertThatThrownBy(() -> client.put("b", "k", Value.ofText("x")))
        .isInstanceOfSatisfying(
            UnavailableException.class, e -> assertThat(e.possiblyWritten()).isTrue())
        .hasMessageContaining("quorum not met");
    assertThat(live.requests).isEmpty();
  }

  @Test
  void aBlindPutFailsOverWhenTheConnectionIsRefused() {
    StubNode live = stub(r -> Answer.of(204, null, "X-Context", "c2"));
    DynakvClient client = client(anyNode().node(StubNode.refusing()).node(live.uri()));

    WriteResult written = client.put("b", "k", Value.ofText("x"));
    assertThat(written.context()).isEqualTo(new Context("c2"));
    assertThat(written.hasSiblings()).isFalse();
    assertThat(live.requests.get(0).text()).isEqualTo("x");
    assertThat(live.requests.get(0).header("Content-Type")).startsWith("text/plain");
  }

  @Test
  void aPutWithAContextIsRetriedOnAnotherNodeAfterA5xx() {
    StubNode failing = stub(r -> Answer.json(500, "{\"error\":\"internal\"}"));
    StubNode live = stub(r -> Answer.of(204, null, "X-Context", "c3"));
    DynakvClient client = client(anyNode().node(failing.uri()).node(live.uri()));

    client.put("b", "k", Value.ofText("x"), new Context("c2"));
    assertThat(live.requests).singleElement().satisfies(r -> assertThat(r.header("X-Context")).isEqualTo("c2"));
  }

  @Test
  void retriesWaitBetweenRoundsThenGiveUp() {
    AtomicInteger calls = new AtomicInteger();
    StubNode failing = stub(r -> {
      calls.incrementAndGet();
      return Answer.json(503, "{\"error\":\"quorum not met\"}");
    });
    DynakvClient client =
        client(
            anyNode()
                .node(failing.uri())
                .retryPolicy(new RetryPolicy(3, Duration.ofMillis(100), Duration.ofMillis(400))));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.get("b", "k"))
        .isInstanceOf(UnavailableException.class)
        .hasMessageContaining("3 round(s)");
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertThat(calls).hasValue(3);
    // Waits of [50, 100] and [100, 200] ms between the three rounds.
    assertThat(waitedMillis).isGreaterThanOrEqualTo(150);
  }

  @Test
  void a401IsTypedAndNotRetried() {
    StubNode node =
        stub(r -> Answer.json(401, "{\"error\":\"unauthorized\",\"detail\":\"no token\"}", "WWW-Authenticate", "Bearer"));
    StubNode other = stub(r -> value("v"));
    DynakvClient client = client(anyNode().node(node.uri()).node(other.uri()).bearerToken("s3cret"));

    assertThatThrownBy(() -> client.get("b", "k"))
        .isInstanceOfSatisfying(
            UnauthorizedException.class,
            e -> {
              assertThat(e.status()).isEqualTo(401);
              assertThat(e.error()).isEqualTo("unauthorized");
              assertThat(e.detail()).isEqualTo("no token");
            });
    assertThat(node.requests).singleElement().satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret"));
    assertThat(other.requests).isEmpty();
  }

  @Test
  void a403IsForbiddenAndA400IsRejected() {
    StubNode node =
        stub(r -> r.method().equals("PUT")
            ? Answer.json(403, "{\"error\":\"forbidden\",\"detail\":\"read role\"}")
            : Answer.json(400, "{\"error\":\"invalid_request\",\"field\":\"r\",\"detail\":\"r must be an integer\"}"));
    DynakvClient client = client(anyNode().node(node.uri()));

    assertThatThrownBy(() -> client.put("b", "k", Value.ofText("x"))).isInstanceOf(ForbiddenException.class);
    assertThatThrownBy(() -> client.get("b", "k"))
        .isInstanceOfSatisfying(RequestRejectedException.class, e -> assertThat(e.status()).isEqualTo(400));
  }

  @Test
  void notFoundIsAnEmptyResultWithTheTombstonesContext() {
    StubNode node = stub(r -> Answer.json(404, "{\"error\":\"not found\"}", "X-Context", "tomb"));
    DynakvClient client = client(anyNode().node(node.uri()));

    GetResult read = client.get("b", "k");
    assertThat(read.found()).isFalse();
    assertThat(read.value()).isEmpty();
    assertThat(read.context()).contains(new Context("tomb"));
  }

  @Test
  void siblingsAreParsedWithTheirContentTypesAndTombstones() {
    String body =
        "{\"siblings\":["
            + sibling("one", "text/plain") + ","
            + "{\"deleted\":true,\"lastModified\":\"2026-01-01T00:00:00Z\"},"
            + sibling("two", "application/json")
            + "]}";
    StubNode node = stub(r -> Answer.json(300, body, "X-Context", "many"));
    DynakvClient client = client(anyNode().node(node.uri()));

    GetResult read = client.get("b", "a key/with slash");
    assertThat(node.requests.get(0).path()).isEqualTo("/v1/buckets/b/keys/a%20key%2Fwith%20slash");
    assertThat(read.hasSiblings()).isTrue();
    assertThat(read.siblings()).hasSize(3);
    assertThat(read.siblings().get(1).isTombstone()).isTrue();
    assertThat(read.values())
        .containsExactly(
            new Value("one".getBytes(StandardCharsets.UTF_8), "text/plain"),
            new Value("two".getBytes(StandardCharsets.UTF_8), "application/json"));
    assertThat(read.context()).contains(new Context("many"));
    assertThatThrownBy(read::value).isInstanceOf(IllegalStateException.class);
    assertThat(client.get("b", "k", ConflictResolver.lastModifiedWins()))
        .hasValueSatisfying(v -> assertThat(v.asText()).isEqualTo("two"));
  }

  @Test
  void updateResolvesSiblingsAndWritesAgainWhenTheWriteRaced() {
    String raced =
        "{\"siblings\":[" + sibling("a,b,c", "text/plain") + "," + sibling("a,d", "text/plain") + "]}";
    AtomicInteger puts = new AtomicInteger();
    StubNode node =
        stub(r -> {
          if (r.method().equals("GET")) {
            return Answer.json(300, "{\"siblings\":[" + sibling("a", "text/plain") + "," + sibling("b", "text/plain") + "]}", "X-Context", "read");
          }
          return puts.incrementAndGet() == 1
              ? Answer.json(300, raced, "X-Context", "after-race")
              : Answer.of(204, null, "X-Context", "done");
        });
    DynakvClient client = client(anyNode().node(node.uri()).resolver(DynakvClientTest::union));

    WriteResult result =
        client.update("carts", "alice", current -> add(current, "c"));

    assertThat(result.context()).isEqualTo(new Context("done"));
    List<StubNode.Request> writes = node.requests.stream().filter(r -> r.method().equals("PUT")).toList();
    assertThat(writes).hasSize(2);
    assertThat(writes.get(0).text()).isEqualTo("a,b,c");
    assertThat(writes.get(0).header("X-Context")).isEqualTo("read");
    assertThat(writes.get(1).text()).isEqualTo("a,b,c,d");
    assertThat(writes.get(1).header("X-Context")).isEqualTo("after-race");
  }

  @Test
  void updateStopsFoldingAfterItsAttemptsAndReturnsTheSiblingsItsValueIsAmong() {
    String raced = "{\"siblings\":[" + sibling("x", "text/plain") + "," + sibling("y", "text/plain") + "]}";
    StubNode node =
        stub(r -> r.method().equals("GET")
            ? Answer.json(404, "{\"error\":\"not found\"}")
            : Answer.json(300, raced, "X-Context", "again"));
    DynakvClient client =
        client(anyNode().node(node.uri()).resolver(DynakvClientTest::union).updateAttempts(3));

    WriteResult result = client.update("b", "k", current -> add(current, "x"));

    assertThat(result.hasSiblings()).isTrue();
    assertThat(result.siblings()).extracting(s -> s.value().asText()).containsExactly("x", "y");
    assertThat(node.requests.stream().filter(r -> r.method().equals("PUT"))).hasSize(3);
  }

  @Test
  void anUpdateOfAMissingKeyWritesBlind() {
    StubNode node =
        stub(r -> r.method().equals("GET")
            ? Answer.json(404, "{\"error\":\"not found\"}")
            : Answer.of(204, null, "X-Context", "new"));
    DynakvClient client = client(anyNode().node(node.uri()));

    client.update("b", "k", current -> add(current, "first"));
    StubNode.Request put = node.requests.get(1);
    assertThat(put.text()).isEqualTo("first");
    assertThat(put.header("X-Context")).isNull();
  }

  @Test
  void quorumAndTimeoutOptionsAreSentAsQueryParameters() {
    StubNode node = stub(r -> r.method().equals("GET") ? value("v") : Answer.of(204, null, "X-Context", "c"));
    DynakvClient client =
        client(anyNode().node(node.uri()).readQuorum(2).writeQuorum(3).serverTimeout(Duration.ofMillis(1500)));

    client.get("b", "k");
    client.put("b", "k", Value.ofText("v"));
    assertThat(node.requests.get(0).path()).isEqualTo("/v1/buckets/b/keys/k?r=2&timeout=1500");
    assertThat(node.requests.get(1).path()).isEqualTo("/v1/buckets/b/keys/k?w=3&timeout=1500");
  }

  static String sibling(String text, String contentType) {
    return "{\"value\":\"" + Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8))
        + "\",\"contentType\":\"" + contentType + "\",\"lastModified\":\"2026-01-0"
        + (text.length() % 9 + 1) + "T00:00:00Z\"}";
  }

  /** The values are comma-separated sets; siblings merge by union. */
  static Value union(List<Sibling> siblings) {
    TreeSet<String> all = new TreeSet<>();
    for (Sibling s : siblings) {
      all.addAll(List.of(s.value().asText().split(",")));
    }
    return Value.ofText(String.join(",", all));
  }

  static Value add(Optional<Value> current, String element) {
    TreeSet<String> set = new TreeSet<>();
    current.ifPresent(v -> set.addAll(List.of(v.asText().split(","))));
    set.add(element);
    return new Value(String.join(",", set).getBytes(StandardCharsets.UTF_8), "text/plain");
  }
}
