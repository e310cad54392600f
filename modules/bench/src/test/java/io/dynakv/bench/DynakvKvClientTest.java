package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.dynakv.client.Routing;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The bench's adapter reports what the Java client settled on as the status the loop counts. */
class DynakvKvClientTest {

  private final List<String> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  private URI node(int getStatus, int putStatus) throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/",
        exchange -> {
          try (exchange) {
            requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            exchange.getRequestBody().readAllBytes();
            int status = exchange.getRequestMethod().equals("GET") ? getStatus : putStatus;
            exchange.getResponseHeaders().add("X-Context", "ctx");
            byte[] body =
                status == 300
                    ? "{\"siblings\":[{\"value\":\"YQ==\",\"contentType\":\"text/plain\",\"lastModified\":\"2026-01-01T00:00:00Z\"},{\"value\":\"Yg==\",\"contentType\":\"text/plain\",\"lastModified\":\"2026-01-01T00:00:00Z\"}]}".getBytes(StandardCharsets.UTF_8)
                    : status >= 400 ? "{\"error\":\"x\"}".getBytes(StandardCharsets.UTF_8) : "v".getBytes(StandardCharsets.UTF_8);
            if (status == 204) {
              exchange.sendResponseHeaders(204, -1);
            } else {
              exchange.sendResponseHeaders(status, body.length);
              exchange.getResponseBody().write(body);
            }
          }
        });
    server.start();
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  private static DynakvKvClient client(List<URI> nodes) {
    return DynakvKvClient.create(
        new ClientSettings(
            nodes, Routing.ANY_NODE, OptionalInt.of(2), OptionalInt.empty(), OptionalInt.of(900), Duration.ofSeconds(2)));
  }

  @Test
  void answersBecomeTheStatusesTheLoopCounts() throws Exception {
    try (DynakvKvClient client = client(List.of(node(300, 204)))) {
      assertThat(client.get("b", "k")).isEqualTo(new KvClient.Response(300, Optional.of("ctx")));
      assertThat(client.put("b", "k", new byte[] {1}, Optional.of("ctx")))
          .isEqualTo(new KvClient.Response(204, Optional.of("ctx")));
    }
    assertThat(requests).containsExactly("GET /v1/buckets/b/keys/k?r=2&timeout=900", "PUT /v1/buckets/b/keys/k?timeout=900");
  }

  @Test
  void aNodeThatFailsEveryRequestIsCountedByItsStatus() throws Exception {
    try (DynakvKvClient client = client(List.of(node(503, 413)))) {
      assertThat(client.get("b", "k").status()).isEqualTo(503);
      assertThat(client.put("b", "k", new byte[] {1}, Optional.empty()).status()).isEqualTo(413);
    }
  }

  @Test
  void noReachableNodeIsAConnectFailure() throws Exception {
    URI refusing;
    try (ServerSocket socket = new ServerSocket(0)) {
      refusing = URI.create("http://127.0.0.1:" + socket.getLocalPort());
    }
    try (DynakvKvClient client = client(List.of(refusing))) {
      assertThatThrownBy(() -> client.get("b", "k")).isInstanceOf(ConnectException.class);
    }
  }
}
