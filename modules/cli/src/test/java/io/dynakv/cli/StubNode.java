package io.dynakv.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * A stand-in for a node's HTTP API in the CLI's tests: answers what it was told to per
 * method and path (query included), records every request, and is closed by the test.
 */
final class StubNode implements AutoCloseable {

  record Answer(int status, String body, Map<String, String> headers) {
    static Answer json(int status, String body) {
      return new Answer(status, body, Map.of("Content-Type", "application/json"));
    }
  }

  record Request(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {
    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private final HttpServer server;
  private final Map<String, Supplier<Answer>> answers = new ConcurrentHashMap<>();
  private final List<Request> requests = java.util.Collections.synchronizedList(new ArrayList<>());

  StubNode() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
  }

  StubNode on(String method, String pathAndQuery, Answer answer) {
    return on(method, pathAndQuery, () -> answer);
  }

  StubNode on(String method, String pathAndQuery, Supplier<Answer> answer) {
    answers.put(method + " " + pathAndQuery, answer);
    return this;
  }

  StubNode json(String method, String pathAndQuery, int status, String body) {
    return on(method, pathAndQuery, Answer.json(status, body));
  }

  /** Forgets every answer and request (one stub serves a whole test class). */
  void reset() {
    answers.clear();
    requests.clear();
  }

  List<Request> requests() {
    return List.copyOf(requests);
  }

  Request last() {
    return requests.get(requests.size() - 1);
  }

  private void handle(HttpExchange exchange) throws IOException {
    String target = exchange.getRequestURI().getRawPath()
        + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
    Map<String, String> headers = new ConcurrentHashMap<>();
    exchange.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
    byte[] body = exchange.getRequestBody().readAllBytes();
    requests.add(new Request(exchange.getRequestMethod(), target, headers, body));
    Supplier<Answer> answer = answers.get(exchange.getRequestMethod() + " " + target);
    Answer a = answer == null ? Answer.json(404, "{\"error\":\"not found\"}") : answer.get();
    a.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
    byte[] bytes = a.body().getBytes(StandardCharsets.UTF_8);
    if (a.status() == 204) {
      exchange.sendResponseHeaders(204, -1);
    } else {
      exchange.sendResponseHeaders(a.status(), bytes.length == 0 ? -1 : bytes.length);
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
