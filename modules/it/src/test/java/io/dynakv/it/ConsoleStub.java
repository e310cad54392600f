package io.dynakv.it;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * A stand-in node for the console's rendering: the console's files straight from the http
 * module's sources, and canned answers for the endpoints it polls, set per path (a status
 * and a body, or a body that depends on how often the path was asked). Paths without an
 * answer are 404, as on a node that lacks the endpoint.
 */
final class ConsoleStub implements AutoCloseable {

  static final Path CONSOLE_SOURCES = Path.of("..", "http", "src", "main", "resources", "console");

  record Answer(int status, String contentType, String body) {}

  private final HttpServer server;
  private final Map<String, IntFunction<Answer>> answers = new ConcurrentHashMap<>();
  private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

  ConsoleStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  void json(String path, String body) {
    answers.put(path, call -> new Answer(200, "application/json", body));
  }

  void fail(String path, int status, String body) {
    answers.put(path, call -> new Answer(status, "application/json", body));
  }

  /** An answer built from the number of this request to the path, counting from 1. */
  void answer(String path, IntFunction<Answer> answer) {
    answers.put(path, answer);
  }

  int calls(String path) {
    AtomicInteger n = calls.get(path);
    return n == null ? 0 : n.get();
  }

  private void handle(HttpExchange exchange) throws IOException {
    String path = exchange.getRequestURI().getPath();
    int call = calls.computeIfAbsent(path, p -> new AtomicInteger()).incrementAndGet();
    Answer answer;
    if (path.startsWith("/console/")) {
      answer = asset(path.substring("/console/".length()));
    } else {
      IntFunction<Answer> canned = answers.get(path);
      answer = canned == null
          ? new Answer(404, "application/json", "{\"error\":\"not found\"}")
          : canned.apply(call);
    }
    byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", answer.contentType());
    exchange.sendResponseHeaders(answer.status(), body.length);
    exchange.getResponseBody().write(body);
    exchange.close();
  }

  private static Answer asset(String name) throws IOException {
    Path file = CONSOLE_SOURCES.resolve(name.isEmpty() ? "index.html" : name).normalize();
    if (!file.startsWith(CONSOLE_SOURCES.normalize()) || !Files.isRegularFile(file)) {
      return new Answer(404, "text/plain", "no such asset");
    }
    String type =
        name.endsWith(".js") ? "application/javascript"
            : name.endsWith(".css") ? "text/css"
            : "text/html; charset=UTF-8";
    return new Answer(200, type, Files.readString(file, StandardCharsets.UTF_8));
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
