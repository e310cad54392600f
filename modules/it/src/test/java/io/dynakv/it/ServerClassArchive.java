package io.dynakv.it;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

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
        train(archive, dir);
      }
      return List.of("-XX:SharedArchiveFile=" + archive);
    } catch (Exception e) {
      System.out.println("server class archive not made, nodes start without it: " + e);
      return List.of();
    }
  }

  private static void train(Path archive, Path dir) throws Exception {
    Path data = Files.createTempDirectory(dir, "training-");
    Path partial = dir.resolve(archive.getFileName() + ".partial");
    Files.deleteIfExists(partial);
    int akka = NodeProcess.freePort();
    NodeProcess node =
        new NodeProcess(
            "node-1",
            data,
            NodeProcess.freePort(),
            akka,
            List.of("akka://dynakv@127.0.0.1:" + akka),
            Map.of(LocalCluster.ADMITTED + ".0", "node-1"));
    try {
      node.start(List.of("-XX:ArchiveClassesAtExit=" + partial));
      node.awaitReady(Duration.ofSeconds(90));
      // One node of an n=3 bucket: w=1 and r=1 are what it can meet on its own.
      Awaitility.await("training node stores a value")
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(200))
          .ignoreExceptions()
          .until(
              () ->
                  Http.put(node.uri("/v1/buckets/training/keys/k?w=1"), "v", "text/plain", null).status() == 204
                      && Http.get(node.uri("/v1/buckets/training/keys/k?r=1")).status() == 200);
    } finally {
      node.stop(); // SIGTERM: the JVM writes the archive as it exits
      node.wipeData();
      Files.deleteIfExists(data);
    }
    if (!Files.exists(partial) || Files.size(partial) == 0) {
      throw new IOException("the training node wrote no archive");
    }
    Files.move(partial, archive, StandardCopyOption.ATOMIC_MOVE);
  }
}
