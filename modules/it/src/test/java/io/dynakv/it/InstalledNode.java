package io.dynakv.it;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * A node run the way an operator runs one from the distribution: {@code bin/dynakv-server
 * --conf FILE} in an unpacked tarball, with a configuration file of its own on 127.0.0.1 and
 * free ports. Its config, data and output ({@code stdout.log}) live in one directory. The
 * script execs the JVM, so the process is the node.
 */
final class InstalledNode {

  private final Path home;
  private final String nodeId;
  private final Path dir;
  private final int httpPort = NodeProcess.freePort();
  private final int akkaPort = NodeProcess.freePort();
  private final Map<String, String> environment;
  private Process process;

  /** Node {@code nodeId} of the installation at {@code home}, its files in {@code dir}. */
  InstalledNode(Path home, String nodeId, Path dir, Map<String, String> environment) {
    this.home = home;
    this.nodeId = nodeId;
    this.dir = dir;
    this.environment = Map.copyOf(environment);
  }

  String nodeId() {
    return nodeId;
  }

  Path dataDir() {
    return dir.resolve("data");
  }

  int akkaPort() {
    return akkaPort;
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + httpPort + path);
  }

  /**
   * This node's configuration file, as an operator writes one per host; {@code seed} is the
   * first node, {@code admitted} the node ids listed as admitted to the ring (on every host).
   */
  String config(InstalledNode seed, String... admitted) {
    return config(seed, null, admitted);
  }

  /**
   * The same with node TLS on, its stores in {@code tlsCerts/<node id>/} as bin/dynakv-certs
   * writes them (no TLS when null).
   */
  String config(InstalledNode seed, Path tlsCerts, String... admitted) {
    String tls =
        tlsCerts == null
            ? ""
            : String.join(
                "\n",
                "  security.tls {",
                "    enabled = on",
                "    key-store = \"" + tlsCerts.resolve(nodeId + "/keystore.p12") + "\"",
                "    key-store-password-file = \"" + tlsCerts.resolve(nodeId + "/password") + "\"",
                "    trust-store = \"" + tlsCerts.resolve(nodeId + "/truststore.p12") + "\"",
                "  }",
                "");
    return String.join(
        "\n",
        "dynakv {",
        "  node {",
        "    id = \"" + nodeId + "\"",
        "    data-dir = \"" + dataDir() + "\"",
        "  }",
        "  http {",
        "    host = \"127.0.0.1\"",
        "    port = " + httpPort,
        "  }",
        "  ring.partitions = 64",
        "  cluster.admitted-nodes = ["
            + String.join(", ", java.util.Arrays.stream(admitted).map(id -> "\"" + id + "\"").toList())
            + "]",
        "  security.http.auth = off",
        tls + "}",
        "akka {",
        "  remote.artery.canonical {",
        "    hostname = \"127.0.0.1\"",
        "    port = " + akkaPort,
        "  }",
        "  cluster.seed-nodes = [\"akka://dynakv@127.0.0.1:" + seed.akkaPort() + "\"]",
        "}",
        "");
  }

  /** Writes {@code conf} as the node's dynakv.conf and runs bin/dynakv-server --conf with it. */
  void start(String conf) throws IOException {
    Files.createDirectories(dir);
    Path file = dir.resolve("dynakv.conf");
    Files.writeString(file, conf);
    ProcessBuilder builder =
        new ProcessBuilder(home.resolve("bin/dynakv-server").toString(), "--conf", file.toString())
            .directory(dir.toFile())
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("stdout.log").toFile()));
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(k -> k.startsWith("DYNAKV_") || k.equals("JAVA_OPTS"));
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.put("DYNAKV_HEAP", "256m");
    env.put("JAVA_OPTS", "-XX:+UseSerialGC");
    env.putAll(environment);
    process = builder.start();
  }

  boolean isAlive() {
    return process != null && process.isAlive();
  }

  int awaitExit(Duration timeout) {
    Awaitility.await().atMost(timeout).until(() -> !isAlive());
    return process.exitValue();
  }

  /** What the script and the node printed. */
  List<String> output() throws IOException {
    Path out = dir.resolve("stdout.log");
    return Files.exists(out) ? Files.readAllLines(out) : List.of();
  }

  /** SIGTERM and a wait for the graceful exit; after 60 s kill -9, of anything it started too. */
  void stop() throws InterruptedException {
    if (process == null) {
      return;
    }
    List<ProcessHandle> descendants = process.descendants().toList();
    process.destroy();
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }
    descendants.forEach(ProcessHandle::destroyForcibly);
  }
}
