package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client cannot exhaust a node: 1,000 concurrent writes with one token whose cap is 8. Some
 * get 429 with Retry-After; none a 5xx; every write answered 204 is stored; the node is healthy
 * afterwards, and another token was never held up by the flood.
 */
class ClientLimitTest {

  private static final int CAP = 8;
  private static final int REQUESTS = 1_000;

  @TempDir Path root;

  @Test
  void aThousandConcurrentRequestsOfOneTokenGet429NotA5xx() throws Exception {
    Tokens tokens = Tokens.make(root.resolve("secrets"));
    NodeProcess node =
        new NodeProcess(
            "node-1",
            root.resolve("node-1"),
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            List.of(),
            Map.of(
                NodeProcess.AUTH, "on",
                "dynakv.security.http.tokens-file", tokens.hashedFile().toString(),
                "dynakv.security.http.open-metrics", "on",
                "dynakv.limits.max-concurrent-requests-per-client", Integer.toString(CAP),
                "dynakv.defaults.n", "1",
                "dynakv.defaults.r", "1",
                "dynakv.defaults.w", "1"));
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(20))
            .build();
    try {
      node.start();
      node.awaitReady(Duration.ofSeconds(90));
      assertThat(client.send(get(node, "/metrics", null), HttpResponse.BodyHandlers.ofString()).statusCode())
          .as("open-metrics: /metrics without a token")
          .isEqualTo(200);

      long started = System.nanoTime();
      List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        answers.add(
            client.sendAsync(
                HttpRequest.newBuilder(node.uri("/v1/buckets/flood/keys/k" + i))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + tokens.write())
                    .PUT(HttpRequest.BodyPublishers.ofString("value " + i))
                    .build(),
                HttpResponse.BodyHandlers.ofString()));
      }
      // While the flood runs, another client (token) is served.
      HttpResponse<String> other =
          client.send(get(node, "/v1/buckets/flood/keys/none", tokens.read()), HttpResponse.BodyHandlers.ofString());
      assertThat(other.statusCode()).as(other.body()).isEqualTo(404);

      CompletableFuture.allOf(answers.toArray(new CompletableFuture<?>[0]))
          .exceptionally(e -> null)
          .get(2, TimeUnit.MINUTES);
      double seconds = (System.nanoTime() - started) / 1e9;
      Map<Integer, Integer> statuses = new TreeMap<>();
      List<Integer> stored = new ArrayList<>();
      for (int i = 0; i < REQUESTS; i++) {
        HttpResponse<String> answer;
        try {
          answer = answers.get(i).get();
        } catch (java.util.concurrent.ExecutionException e) {
          throw new AssertionError("request " + i + " got no answer (" + statuses + " so far)", e.getCause());
        }
        statuses.merge(answer.statusCode(), 1, Integer::sum);
        if (answer.statusCode() == 204) {
          stored.add(i);
        } else {
          assertThat(answer.statusCode()).as("request %d: %s", i, answer.body()).isEqualTo(429);
          assertThat(answer.headers().firstValue("Retry-After")).contains("1");
          assertThat(Json.parse(answer.body()).path("error").asText()).isEqualTo("too_many_requests");
        }
      }
      System.out.printf("ClientLimitTest: %d PUTs in %.1f s: %s%n", REQUESTS, seconds, statuses);
      assertThat(statuses).containsKey(429);
      assertThat(stored).as("some writes got through").isNotEmpty();

      for (int i : stored) {
        HttpResponse<String> read =
            client.send(get(node, "/v1/buckets/flood/keys/k" + i, tokens.read()), HttpResponse.BodyHandlers.ofString());
        assertThat(read.statusCode()).as("k%d", i).isEqualTo(200);
        assertThat(read.body()).isEqualTo("value " + i);
      }
      assertThat(client.send(get(node, "/v1/health", null), HttpResponse.BodyHandlers.ofString()).statusCode())
          .isEqualTo(200);
      HttpResponse<String> after =
          client.send(
              HttpRequest.newBuilder(node.uri("/v1/buckets/flood/keys/after"))
                  .header("Authorization", "Bearer " + tokens.write())
                  .PUT(HttpRequest.BodyPublishers.ofString("after"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(after.statusCode()).as("the flood's places are all released").isEqualTo(204);
      assertThat(node.isAlive()).isTrue();
    } finally {
      node.kill();
    }
  }

  private static HttpRequest get(NodeProcess node, String path, String token) {
    HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return request.build();
  }
}
