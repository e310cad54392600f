package io.dynakv.http;

import static io.dynakv.http.RunningNode.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.typesafe.config.ConfigFactory;
import io.dynakv.http.auth.TokenStore;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One node with auth on, a token per role, and a cap of 2 requests in progress per client. */
class AuthRoutesTest {

  static final String READ = "read-5b0e7f0c1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6";
  static final String WRITE = "write-6c1f8a1d2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f7";
  static final String ADMIN = "admin-7d2a9b2e3f405162738495a6b7c8d9e0f1a2b3c4d5e6f708";
  private static final int CAP = 2;

  @TempDir static Path dir;
  private static RunningNode node;

  /** A tokens file with one token per role, named after the role. */
  static Path tokensFile(Path dir) throws Exception {
    Path file = dir.resolve("tokens-hashed.json");
    Files.writeString(
        file,
        "{\"tokens\": ["
            + entry("reader", "read", READ)
            + ","
            + entry("writer", "write", WRITE)
            + ","
            + entry("operator", "admin", ADMIN)
            + "]}");
    return file;
  }

  private static String entry(String name, String role, String token) {
    return String.format(
        "{\"name\": \"%s\", \"role\": \"%s\", \"sha256\": \"%s\"}", name, role, TokenStore.sha256Hex(token));
  }

  @BeforeAll
  static void start() throws Exception {
    Path tokens = tokensFile(dir);
    node =
        RunningNode.start(
            dir.resolve("data"),
            ConfigFactory.parseMap(
                Map.of(
                    "dynakv.security.http.auth", "on",
                    "dynakv.security.http.tokens-file", tokens.toString(),
                    "dynakv.limits.max-concurrent-requests-per-client", CAP)));
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  private static HttpResponse<byte[]> send(String method, String path, String token, String body) {
    Map<String, String> headers =
        token == null ? Map.of() : Map.of("Authorization", "Bearer " + token);
    return node.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }

  private static void assertError(HttpResponse<byte[]> response, int status, String error) {
    assertThat(response.statusCode()).as(RunningNode.text(response)).isEqualTo(status);
    assertThat(json(response).path("error").asText()).isEqualTo(error);
  }

  @Test
  void withoutATokenAWriteIsUnauthorizedWithABearerChallenge() {
    HttpResponse<byte[]> response = send("PUT", "/v1/buckets/b/keys/k1", null, "v");
    assertError(response, 401, "unauthorized");
    assertThat(response.headers().firstValue("WWW-Authenticate")).contains("Bearer realm=\"dynakv\"");
    assertThat(json(response).path("detail").asText()).contains("write role");
  }

  @Test
  void anUnknownTokenIsUnauthorized() {
    assertError(send("GET", "/v1/ring", "not-a-token", null), 401, "unauthorized");
    assertError(
        node.send("GET", "/v1/ring", null, Map.of("Authorization", "Basic " + READ)), 401, "unauthorized");
  }

  @Test
  void theReadTokenReadsButCannotWrite() {
    assertError(send("PUT", "/v1/buckets/b/keys/k2", READ, "v"), 403, "forbidden");
    assertThat(json(send("PUT", "/v1/buckets/b/keys/k2", READ, "v")).path("detail").asText())
        .contains("write role");
    assertError(send("GET", "/v1/buckets/b/keys/k2", READ, null), 404, "not found");
    assertThat(send("GET", "/v1/ring", READ, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/buckets/b/props", READ, null).statusCode()).isEqualTo(200);
  }

  @Test
  void theWriteTokenWritesKeysButNotBucketProperties() {
    assertThat(send("PUT", "/v1/buckets/b/keys/k3", WRITE, "v").statusCode()).isEqualTo(204);
    HttpResponse<byte[]> read = send("GET", "/v1/buckets/b/keys/k3", WRITE, null);
    assertThat(RunningNode.text(read)).isEqualTo("v");
    assertError(send("PUT", "/v1/buckets/b/props", WRITE, "{\"allow-siblings\": false}"), 403, "forbidden");
    assertThat(json(send("PUT", "/v1/buckets/b/props", WRITE, "{}")).path("detail").asText())
        .contains("admin role");
    assertError(send("POST", "/v1/anti-entropy", WRITE, null), 403, "forbidden");
  }

  @Test
  void theAdminTokenChangesBucketProperties() {
    HttpResponse<byte[]> response = send("PUT", "/v1/buckets/admin-b/props", ADMIN, "{\"allow-siblings\": false}");
    assertThat(response.statusCode()).as(RunningNode.text(response)).isEqualTo(200);
    JsonNode props = json(send("GET", "/v1/buckets/admin-b/props", READ, null));
    assertThat(props.path("allow-siblings").asBoolean()).isFalse();
  }

  @Test
  void healthReadinessAndTheConsoleNeedNoToken() {
    assertThat(send("GET", "/v1/health", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/v1/ready", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/console/", null, null).statusCode()).isEqualTo(200);
    assertThat(send("GET", "/console/console.js", null, null).statusCode()).isEqualTo(200);
  }

  @Test
  void metricsNeedTheReadRole() {
    assertError(send("GET", "/metrics", null, null), 401, "unauthorized");
    HttpResponse<byte[]> metrics = send("GET", "/metrics", READ, null);
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(RunningNode.text(metrics).lines())
        .as("refusals are counted")
        .anyMatch(
            line ->
                line.startsWith("dynakv_http_refused_total{")
                    && line.contains("reason=\"unauthorized\"")
                    && !line.endsWith(" 0.0"));
  }

  @Test
  void unknownPathsAndMethodsAnswerAfterTheCheck() {
    assertError(send("GET", "/nothing", null, null), 401, "unauthorized");
    assertError(send("GET", "/nothing", READ, null), 404, "not found");
    assertError(send("POST", "/v1/buckets/b/keys/k", WRITE, null), 403, "forbidden");
    assertError(send("POST", "/v1/buckets/b/keys/k", ADMIN, null), 405, "method not allowed");
  }

  /**
   * Requests whose bodies never come hold their client's places; a third request of that
   * client gets 429 while another client goes on, and once the uploads break off the places
   * are free again: a failed request releases its place too.
   */
  @Test
  void aClientBeyondItsCapGets429UntilItsRequestsEnd() throws Exception {
    List<Socket> stalled = new ArrayList<>();
    try {
      for (int i = 0; i < CAP; i++) {
        stalled.add(stalledPut(WRITE));
      }
      Awaitility.await("the stalled uploads hold the write token's places")
          .atMost(Duration.ofSeconds(20))
          .until(() -> send("GET", "/v1/buckets/b/keys/k4", WRITE, null).statusCode() == 429);
      HttpResponse<byte[]> refused = send("PUT", "/v1/buckets/b/keys/k4", WRITE, "v");
      assertError(refused, 429, "too_many_requests");
      assertThat(refused.headers().firstValue("Retry-After")).contains("1");
      assertThat(send("GET", "/v1/buckets/b/keys/k4", ADMIN, null).statusCode())
          .as("another token has places of its own")
          .isEqualTo(404);
    } finally {
      for (Socket socket : stalled) {
        socket.close();
      }
    }
    Awaitility.await("the broken uploads released their places")
        .atMost(Duration.ofSeconds(40))
        .until(() -> send("PUT", "/v1/buckets/b/keys/k4", WRITE, "v").statusCode() == 204);
    for (int i = 0; i < 3 * CAP; i++) {
      assertThat(send("PUT", "/v1/buckets/b/keys/k5?w=x", WRITE, "v").statusCode()).isEqualTo(400);
      assertThat(send("PUT", "/v1/buckets/b/keys/k5-" + i, WRITE, "v").statusCode()).isEqualTo(204);
    }
  }

  /** A PUT that announces a 1 KiB body and sends none of it. */
  private static Socket stalledPut(String token) throws Exception {
    Socket socket = new Socket("127.0.0.1", node.port());
    OutputStream out = socket.getOutputStream();
    out.write(
        ("PUT /v1/buckets/b/keys/stalled HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer "
                + token
                + "\r\nContent-Length: 1024\r\n\r\nx")
            .getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
    return socket;
  }
}
