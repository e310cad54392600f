package io.dynakv.http;

import static io.dynakv.http.RunningNode.json;
import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Each kind of bad input gets a JSON error naming what is wrong, and the node keeps serving. */
class BadInputTest {

  @TempDir static Path dataDir;

  static RunningNode node;

  @BeforeAll
  static void start() throws Exception {
    node = RunningNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @AfterEach
  void nodeStillAnswers() {
    HttpResponse<byte[]> health = node.get("/v1/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asText()).isEqualTo("ok");
  }

  static Stream<Arguments> badRequests() {
    String key2k = "k".repeat(2048);
    byte[] value = "v".getBytes(StandardCharsets.UTF_8);
    Map<String, String> none = Map.of();
    return Stream.of(
        Arguments.of("GET", "/v1/buckets/a%2Fb/keys/k", null, none, 400, "bucket"),
        Arguments.of("PUT", "/v1/buckets/a%2Fb/keys/k", value, none, 400, "bucket"),
        Arguments.of("GET", "/v1/buckets/a/b/keys/k", null, none, 400, "bucket"),
        Arguments.of("PUT", "/v1/buckets/a/b/keys/k", value, none, 400, "bucket"),
        Arguments.of("GET", "/v1/buckets/a/b/props", null, none, 400, "bucket"),
        Arguments.of("GET", "/v1/buckets/a%2Fb/props", null, none, 400, "bucket"),
        Arguments.of("GET", "/v1/buckets/" + "b".repeat(65) + "/keys/k", null, none, 400, "bucket"),
        Arguments.of("GET", "/v1/buckets/b/keys/x/y", null, none, 400, "key"),
        Arguments.of("GET", "/v1/buckets/b/keys/", null, none, 400, "key"),
        Arguments.of("GET", "/v1/buckets/b/keys/" + key2k, null, none, 400, "key"),
        Arguments.of("PUT", "/v1/buckets/b/keys/" + key2k, value, none, 400, "key"),
        Arguments.of("GET", "/v1/preflist/b/" + key2k, null, none, 400, "key"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k", value, Map.of("X-Context", "garbage!!"), 400, "X-Context"),
        Arguments.of("DELETE", "/v1/buckets/b/keys/k", null, Map.of("X-Context", "AAAA%%"), 400, "X-Context"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?r=0", null, none, 400, "r"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?r=9", null, none, 400, "r"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?r=abc", null, none, 400, "r"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?r=99999999999", null, none, 400, "r"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k?w=0", value, none, 400, "w"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k?w=two", value, none, 400, "w"),
        Arguments.of("DELETE", "/v1/buckets/b/keys/k?w=5", null, none, 400, "w"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?timeout=soon", null, none, 400, "timeout"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?timeout=0", null, none, 400, "timeout"),
        Arguments.of("GET", "/v1/buckets/b/keys/k?timeout=600000", null, none, 400, "timeout"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k", new byte[RunningNode.MAX_VALUE_BYTES + 1], none, 413, "value"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k", new byte[RunningNode.MAX_VALUE_BYTES + 1025], none, 413, "value"),
        Arguments.of("PUT", "/v1/buckets/b/keys/k", new byte[2 * 1024 * 1024], none, 413, "value"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"colour\":\"red\"}"), none, 400, "colour"),
        Arguments.of("PUT", "/v1/buckets/b/props", new byte[200 * 1024], none, 413, "body"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("not json"), none, 400, "body"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("[1,2]"), none, 400, "body"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes(""), none, 400, "body"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"n\":1} {}"), none, 400, "body"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"n\":\"x\"}"), none, 400, "n"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"n\":0}"), none, 400, "n"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"r\":2}"), none, 400, "r"),
        Arguments.of("PUT", "/v1/buckets/b/props", bytes("{\"allow-siblings\":\"yes\"}"), none, 400, "allow-siblings"),
        Arguments.of("PUT", "/v1/buckets/a%2Fb/props", bytes("{\"n\":1}"), none, 400, "bucket"));
  }

  @ParameterizedTest(name = "{0} {1} -> {4} {5}")
  @MethodSource("badRequests")
  void badInputIsAJsonErrorNamingTheField(
      String method, String path, byte[] body, Map<String, String> headers, int status, String field) {
    HttpResponse<byte[]> response = node.send(method, path, body, headers);
    assertThat(response.statusCode()).as(text(response)).isEqualTo(status);
    JsonNode error = json(response);
    assertThat(error.path("error").asText()).isEqualTo(status == 413 ? "too large" : "bad request");
    assertThat(error.path("field").asText()).isEqualTo(field);
    assertThat(error.path("detail").asText()).isNotBlank();
  }

  @Test
  void unknownPathsAre404Json() {
    for (String path : new String[] {"/", "/v1", "/v1/nothing", "/v1/buckets", "/v1/buckets/b", "/v2/ring"}) {
      HttpResponse<byte[]> response = node.get(path);
      assertThat(response.statusCode()).as(path).isEqualTo(404);
      assertThat(json(response).path("error").asText()).isEqualTo("not found");
    }
  }

  @Test
  void wrongMethodsAre405JsonNamingTheAllowedOnes() {
    HttpResponse<byte[]> post = node.send("POST", "/v1/buckets/b/keys/k", bytes("v"), Map.of());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(json(post).path("error").asText()).isEqualTo("method not allowed");
    assertThat(post.headers().firstValue("Allow")).hasValueSatisfying(v -> assertThat(v).contains("GET", "PUT", "DELETE"));

    HttpResponse<byte[]> deleteProps = node.send("DELETE", "/v1/buckets/b/props", null, Map.of());
    assertThat(deleteProps.statusCode()).isEqualTo(405);
    assertThat(json(deleteProps).path("error").asText()).isEqualTo("method not allowed");

    HttpResponse<byte[]> putRing = node.send("PUT", "/v1/ring", bytes("{}"), Map.of());
    assertThat(putRing.statusCode()).isEqualTo(405);
    assertThat(json(putRing).path("error").asText()).isEqualTo("method not allowed");
  }

  @Test
  void aUriOverTheParserLimitIsJsonToo() {
    HttpResponse<byte[]> response = node.get("/v1/buckets/b/keys/" + "k".repeat(20_000));
    assertThat(response.statusCode()).isEqualTo(414);
    assertThat(json(response).path("error").asText()).isEqualTo("uri too long");
  }

  @Test
  void requestsJavaWouldNotEvenSendAreAnsweredInJson() throws Exception {
    for (String target :
        new String[] {"/v1/buckets/b/keys/k?r=%zz", "/v1/buckets/b/keys/a%zzb", "/v1/buckets/b/keys/caf\u00e9"}) {
      RunningNode.RawAnswer answer = node.raw("GET", target);
      assertThat(answer.status()).as(target).isEqualTo(400);
      assertThat(answer.head()).containsIgnoringCase("Content-Type: application/json");
      assertThat(new ObjectMapper().readTree(answer.body()).path("error").asText())
          .as(answer.body())
          .isEqualTo("bad request");
    }
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
