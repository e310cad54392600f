package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import akka.http.javadsl.ServerBinding;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dynakv.node.DynakvNode;
import io.dynakv.node.NodeConfig;
import io.dynakv.node.NodeSettings;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One real node (n = r = w = 1, 16 partitions, 64 KiB values) with its HTTP API bound on a
 * free loopback port, and a plain java.net.http client to drive it.
 */
final class RunningNode implements AutoCloseable {

  static final int MAX_VALUE_BYTES = 64 * 1024;

  private static final ObjectMapper JSON = new ObjectMapper();

  final ActorSystem<DynakvNode.Command> system;
  final DynakvNode.NodeHandle handle;
  private final ServerBinding binding;
  private final HttpClient client;
  private final String base;

  private RunningNode(
      ActorSystem<DynakvNode.Command> system,
      DynakvNode.NodeHandle handle,
      ServerBinding binding,
      HttpClient client,
      String scheme) {
    this.system = system;
    this.handle = handle;
    this.binding = binding;
    this.client = client;
    this.base = scheme + "://127.0.0.1:" + binding.localAddress().getPort();
  }

  static HttpClient.Builder clientBuilder() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5));
  }

  static RunningNode start(Path dataDir) throws Exception {
    return start(dataDir, ConfigFactory.parseString("dynakv.security.http.auth = off"));
  }

  /**
   * A node with {@code overrides} on top of the test settings; auth is on unless they turn it
   * off (the reference default).
   */
  static RunningNode start(Path dataDir, Config overrides) throws Exception {
    return start(dataDir, overrides, clientBuilder().build());
  }

  /** As above, driven by {@code client} (one that trusts the node's certificate, for HTTPS). */
  static RunningNode start(Path dataDir, Config overrides, HttpClient client) throws Exception {
    RunningNode node = launch(dataDir, overrides, client);
    try {
      node.awaitReady();
    } catch (RuntimeException e) {
      node.close();
      throw e;
    }
    return node;
  }

  /** Started and serving HTTP, without waiting for it to be ready (it may never be). */
  static RunningNode launch(Path dataDir, Config overrides) throws Exception {
    return launch(dataDir, overrides, clientBuilder().build());
  }

  private static RunningNode launch(Path dataDir, Config overrides, HttpClient client)
      throws Exception {
    Config config =
        NodeConfig.load(
        overrides.withFallback(ConfigFactory.parseString(
                "dynakv.node.data-dir = \""
                    + dataDir.toAbsolutePath().toString().replace("\\", "/")
                    + "\"\n"
                    + "akka.remote.artery.canonical.port = 0\n"
                    + "akka.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                    + "dynakv.ring.partitions = 16\n"
                    + "dynakv.defaults { n = 1, r = 1, w = 1 }\n"
                    + "akka.loglevel = WARNING\n"
                    + "dynakv.ring.claim-settle = 300ms\n"
                    + "dynakv.ring.gossip-interval = 200ms\n"
                    + "dynakv.limits.max-value-bytes = "
                    + MAX_VALUE_BYTES
                    + "\n")));
    NodeSettings settings = NodeSettings.create(config);
    ActorSystem<DynakvNode.Command> system =
        ActorSystem.create(DynakvNode.create(settings), "dynakv", config);
    try {
      DynakvNode.NodeHandle handle =
          AskPattern.<DynakvNode.Command, DynakvNode.NodeHandle>ask(
                  system, DynakvNode.GetHandle::new, Duration.ofSeconds(10), system.scheduler())
              .toCompletableFuture()
              .get(15, TimeUnit.SECONDS);
      ServerBinding binding =
          HttpServer.start(system, handle, "127.0.0.1", 0)
              .toCompletableFuture()
              .get(15, TimeUnit.SECONDS);
      String scheme = config.getBoolean("dynakv.http.tls.enabled") ? "https" : "http";
      return new RunningNode(system, handle, binding, client, scheme);
    } catch (Exception e) {
      system.terminate();
      throw e;
    }
  }

  String base() {
    return base;
  }

  int port() {
    return binding.localAddress().getPort();
  }

  private void awaitReady() {
    org.awaitility.Awaitility.await("node ready")
        .atMost(java.time.Duration.ofSeconds(30))
        .pollInterval(java.time.Duration.ofMillis(100))
        .until(() -> send("GET", "/v1/ready", null, Map.of()).statusCode() == 200);
  }

  HttpResponse<byte[]> get(String path) {
    return send("GET", path, null, Map.of());
  }

  HttpResponse<byte[]> send(String method, String path, byte[] body, Map<String, String> headers) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + path))
            .timeout(Duration.ofSeconds(20))
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofByteArray(body));
    headers.forEach(request::header);
    try {
      return client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The status and the text after the headers of a request written byte for byte. */
  record RawAnswer(int status, String head, String body) {}

  /** Sends a request the way a careless client might, bypassing java.net.URI's checks. */
  RawAnswer raw(String method, String target) throws IOException {
    try (Socket socket = new Socket("127.0.0.1", binding.localAddress().getPort())) {
      socket.setSoTimeout(10_000);
      String request =
          method + " " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int end = answer.indexOf("\r\n\r\n");
      String head = end < 0 ? answer : answer.substring(0, end);
      String body = end < 0 ? "" : answer.substring(end + 4);
      return new RawAnswer(Integer.parseInt(head.split(" ")[1]), head, body);
    }
  }

  /** The JSON body of an answer, after checking it is declared as JSON. */
  static JsonNode json(HttpResponse<byte[]> response) {
    assertThat(response.headers().firstValue("Content-Type"))
        .as("Content-Type of %s", text(response))
        .hasValueSatisfying(v -> assertThat(v).startsWith("application/json"));
    try {
      return JSON.readTree(response.body());
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + text(response), e);
    }
  }

  static String text(HttpResponse<byte[]> response) {
    return new String(response.body(), StandardCharsets.UTF_8);
  }

  static String context(HttpResponse<byte[]> response) {
    return response.headers().firstValue("X-Context").orElse(null);
  }

  @Override
  public void close() throws Exception {
    binding.unbind().toCompletableFuture().get(10, TimeUnit.SECONDS);
    system.terminate();
    system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }
}
