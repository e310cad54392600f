package io.dynakv.it;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A class-data-sharing archive (JDK 17 dynamic AppCDS) of the server jar, so that the hundreds
 * of node JVMs the integration tests start map Akka's classes instead of loading and verifying
 * them one by one: a node is ready ~1.5 s sooner, and three starting at once on two cores
 * spend that much less CPU.
 *
 * <p>Made once per jar (its name carries the jar's size and time): one training node starts on
 * its own, answers a write and a read, and stops with SIGTERM, when the JVM writes the
 * archive. If anything in that fails, the nodes start without an archive, as before; {@code
 * -Ddynakv.it.cds=false} turns it off. The archive only changes how classes are loaded, never
 * what runs.
 */
final class ServerClassArchive {

  private static List<String> options;

  private ServerClassArchive() {}

  /** The JVM options a node starts with: the archive's, or none. */
  static synchronized List<String> jvmOptions() {
    if (options == null) {
      options = make();
    }
    return options;
  }

  private static List<String> make() {
    if (!Boolean.parseBoolean(System.getProperty("dynakv.it.cds", "true"))) {
      return List.of();
    }
    try {
      Path jar = NodeProcess.serverJar().toAbsolutePath();
      Path dir = jar.getParent().resolve("cds");
      Path archive =
          dir.resolve(
              "dynakv-server-" + Files.size(jar) + "-" + Files.getLastModifiedTime(jar).toMillis() + ".jsa");
      if (!Files.exists(archive)) {
        Files.createDirectories(dir);
        train(jar, archive, dir);
      }
      return List.of("-XX:SharedArchiveFile=" + archive);
    } catch (Exception e) {
      System.out.println("server class archive not made, nodes start without it: " + e);
      return List.of();
    }
  }

  private static void train(Path jar, Path archive, Path dir) throws Exception {
    Path data = Files.createTempDirectory(dir, "training-");
    Path partial = dir.resolve(archive.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    int http = NodeProcess.freePort();
    int akka = NodeProcess.freePort();
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx256m");
    cmd.add("-XX:+UseSerialGC");
    cmd.add("-XX:ArchiveClassesAtExit=" + partial);
    cmd.add("-Ddynakv.node.id=node-1");
    cmd.add("-Ddynakv.node.data-dir=" + data);
    cmd.add("-Ddynakv.http.host=127.0.0.1");
    cmd.add("-Ddynakv.http.port=" + http);
    cmd.add("-Dakka.remote.artery.canonical.hostname=127.0.0.1");
    cmd.add("-Dakka.remote.artery.canonical.port=" + akka);
    cmd.add("-Dakka.cluster.seed-nodes.0=akka://dynakv@127.0.0.1:" + akka);
    cmd.add("-Ddynakv.cluster.admitted-nodes.0=node-1");
    cmd.add("-D" + NodeProcess.AUTH + "=off");
    cmd.add("-jar");
    cmd.add(jar.toString());
    Process node =
        new ProcessBuilder(cmd)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(data.resolve("stdout.log").toFile()))
            .start();
    try {
      HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
      String base = "http://127.0.0.1:" + http;
      awaitStatus(client, node, HttpRequest.newBuilder(URI.create(base + "/v1/ready")), 200);
      // One node of an n=3 bucket: w=1 and r=1 are what it can meet on its own.
      String key = base + "/v1/buckets/training/keys/k";
      awaitStatus(
          client,
          node,
          HttpRequest.newBuilder(URI.create(key + "?w=1")).header("Content-Type", "text/plain").PUT(HttpRequest.BodyPublishers.ofString("v")),
          204);
      awaitStatus(client, node, HttpRequest.newBuilder(URI.create(key + "?r=1")), 200);
    } finally {
      node.destroy(); // SIGTERM: the JVM dumps the archive as it exits
      if (!node.waitFor(120, TimeUnit.SECONDS)) {
        node.destroyForcibly();
      }
      deleteTree(data);
    }
    if (!Files.exists(partial) || Files.size(partial) == 0) {
      throw new IOException("the training node wrote no archive");
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
  }

  private static void awaitStatus(
      HttpClient client, Process node, HttpRequest.Builder request, int status) throws Exception {
    Instant deadline = Instant.now().plusSeconds(90);
    int last = -1;
    while (Instant.now().isBefore(deadline) && node.isAlive()) {
      try {
        last = client.send(request.timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        if (last == status) {
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(200); // polling an external process: there is no event to wait on
    }
    throw new IOException("training node: expected " + status + ", last answer " + last);
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var paths = Files.walk(dir)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
