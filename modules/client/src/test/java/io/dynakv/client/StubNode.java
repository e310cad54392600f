package io.dynakv.client;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** A fake node: answers each request with what the test's handler says, and records them. */
final class StubNode implements AutoCloseable {

  record Request(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  record Answer(int status, Map<String, String> headers, byte[] body) {
    static Answer of(int status, String body, String... headerPairs) {
      Map<String, String> headers = new java.util.LinkedHashMap<>();
      for (int i = 0; i < headerPairs.length; i += 2) {
        headers.put(headerPairs[i], headerPairs[i + 1]);
      }
      return new Answer(status, headers, body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    }

    static Answer json(int status, String body, String... headerPairs) {
      String[] all = java.util.Arrays.copyOf(headerPairs, headerPairs.length + 2);
      all[headerPairs.length] = "Content-Type";
      all[headerPairs.length + 1] = "application/json";
      return of(status, body, all);
    }
  }

  interface Handler {
    Answer answer(Request request);
  }

  final List<Request> requests = new CopyOnWriteArrayList<>();
  private final HttpServer server;

  StubNode(Handler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", exchange -> serve(exchange, handler));
    server.start();
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      Request request =
          new Request(
              exchange.getRequestMethod(),
              exchange.getRequestURI().getRawPath()
                  + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery()),
              Map.copyOf(exchange.getRequestHeaders()),
              exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Answer answer = handler.answer(request);
      answer.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      if (answer.body() == null || answer.body().length == 0) {
        exchange.sendResponseHeaders(answer.status(), -1);
      } else {
        exchange.sendResponseHeaders(answer.status(), answer.body().length);
        exchange.getResponseBody().write(answer.body());
      }
    }
  }

  URI uri() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  /** A loopback URL nothing listens on: connections to it are refused. */
  static URI refusing() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return URI.create("http://127.0.0.1:" + socket.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
