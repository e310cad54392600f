package io.dynakv.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One dynakv server JVM started from the packaged jar, on a loopback address (127.0.0.1, or
 * 127.0.0.i so that faults can cut the links between nodes) with its own ports and data dir.
 * {@link #kill()} is kill -9; {@link #stop()} is SIGTERM and waits for the exit; {@link
 * #pause()} and {@link #resume()} are SIGSTOP and SIGCONT (a long GC pause).
 */
public final class NodeProcess {

  /** Off unless a test's properties say otherwise. */
  public static final String AUTH = "dynakv.security.http.auth";

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final String nodeId;
  private final String host;
  private final Path dataDir;
  private final int httpPort;
  private final int akkaPort;
  private final List<String> seeds;
  private final Map<String, String> properties;
  private Process process;

  public NodeProcess(
      String nodeId,
      Path dataDir,
      int httpPort,
      int akkaPort,
      List<String> seeds,
      Map<String, String> properties) {
    this(nodeId, "127.0.0.1", dataDir, httpPort, akkaPort, seeds, properties);
  }

  public NodeProcess(
      String nodeId,
      String host,
      Path dataDir,
      int httpPort,
      int akkaPort,
      List<String> seeds,
      Map<String, String> properties) {
    this.nodeId = nodeId;
    this.host = host;
    this.dataDir = dataDir;
    this.httpPort = httpPort;
    this.akkaPort = akkaPort;
    this.seeds = List.copyOf(seeds);
    this.properties = Map.copyOf(properties);
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public static Path serverJar() {
    Path jar = Path.of(System.getProperty("dynakv.server.jar", "../server/target/dynakv-server.jar"));
    if (!Files.exists(jar)) {
      throw new IllegalStateException("server jar missing: " + jar.toAbsolutePath() + " (run mvn package)");
    }
    return jar;
  }

  public String nodeId() {
    return nodeId;
  }

  public String host() {
    return host;
  }

  public int akkaPort() {
    return akkaPort;
  }

  public String akkaAddress() {
    return "akka://dynakv@" + host + ":" + akkaPort;
  }

  public URI uri(String pathAndQuery) {
    return URI.create("http://" + host + ":" + httpPort + pathAndQuery);
  }

  public synchronized void start() throws IOException {
    start(ServerClassArchive.jvmOptions());
  }

  /** Starts the JVM with {@code jvmOptions} (the class archive's, or the one making it). */
  synchronized void start(List<String> jvmOptions) throws IOException {
    if (process != null && process.isAlive()) {
      throw new IllegalStateException(nodeId + " is already running");
    }
    Files.createDirectories(dataDir);
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.addAll(jvmOptions);
    cmd.add("-Ddynakv.node.id=" + nodeId);
    cmd.add("-Ddynakv.node.data-dir=" + dataDir.toAbsolutePath());
    cmd.add("-Ddynakv.http.host=" + host);
    cmd.add("-Ddynakv.http.port=" + httpPort);
    cmd.add("-Dakka.remote.artery.canonical.hostname=" + host);
    cmd.add("-Dakka.remote.artery.canonical.port=" + akkaPort);
    for (int i = 0; i < seeds.size(); i++) {
      cmd.add("-Dakka.cluster.seed-nodes." + i + "=" + seeds.get(i));
    }
    if (!properties.containsKey(AUTH)) {
      // The test harness runs without tokens unless a test asks for them (AuthTest).
      cmd.add("-D" + AUTH + "=off");
    }
    properties.forEach((k, v) -> cmd.add("-D" + k + "=" + v));
    cmd.add("-jar");
    cmd.add(serverJar().toAbsolutePath().toString());
    process =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("stdout.log").toFile()))
            .start();
  }

  /** Waits until /v1/ready answers 200. */
  public void awaitReady(Duration timeout) throws Exception {
    Instant deadline = Instant.now().plus(timeout);
    while (Instant.now().isBefore(deadline)) {
      if (!isAlive()) {
        throw new IllegalStateException(nodeId + " exited while starting:\n" + logTail());
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(uri("/v1/ready")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200); // polling an external process: there is no event to wait on
    }
    throw new IllegalStateException(nodeId + " not ready after " + timeout + ":\n" + logTail());
  }

  /** Disk loss: deletes the node's data dir (the node must not be running). */
  public void wipeData() throws IOException {
    if (isAlive()) {
      throw new IllegalStateException(nodeId + " is running");
    }
    if (Files.exists(dataDir)) {
      try (var paths = Files.walk(dataDir)) {
        paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  public boolean isAlive() {
    return process != null && process.isAlive();
  }

  /** kill -9: no shutdown hook, no flush, nothing graceful. A paused node is killed too. */
  public void kill() throws InterruptedException {
    if (process != null) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
  }

  /** SIGSTOP: the JVM freezes, as in a very long GC pause; its sockets stay open. */
  public void pause() throws Exception {
    signal("STOP");
  }

  /** SIGCONT: a paused JVM goes on where it stopped. */
  public void resume() throws Exception {
    signal("CONT");
  }

  private void signal(String name) throws Exception {
    if (process == null || !process.isAlive()) {
      throw new IllegalStateException(nodeId + " is not running");
    }
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
    if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
      throw new IllegalStateException("kill -" + name + " " + process.pid() + " failed");
    }
  }

  /** SIGTERM, then wait for the JVM to finish its coordinated shutdown. */
  public void stop() throws InterruptedException {
    if (process != null && process.isAlive()) {
      process.destroy();
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        process.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException(nodeId + " ignored SIGTERM for 60 s");
      }
    }
  }

  public int exitCode() {
    return process.exitValue();
  }

  public String logTail() {
    try {
      Path log = dataDir.resolve("stdout.log");
      List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
      Path nodeLog = dataDir.resolve("node.log");
      List<String> more = Files.exists(nodeLog) ? Files.readAllLines(nodeLog) : List.of();
      List<String> all = new ArrayList<>(lines);
      all.addAll(more);
      return String.join("\n", all.subList(Math.max(0, all.size() - 40), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }
}
