package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.ZipFile;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The distribution as an operator gets it: dynakv-<version>.tar.gz unpacked outside the
 * repository (no Maven, no source tree), nodes started with bin/dynakv-server and a config
 * file each.
 */
class DistributionTest {

  @TempDir static Path root;
  private static Path home;

  @BeforeAll
  static void unpack() throws Exception {
    Path tarball = Path.of(System.getProperty("dynakv.dist.tarball", "../dist/target/dynakv-0.1.0-SNAPSHOT.tar.gz"));
    assertThat(tarball).as("the tarball (mvn package builds it in modules/dist)").exists();
    Process tar = new ProcessBuilder("tar", "-xzf", tarball.toAbsolutePath().toString(), "-C", root.toString())
        .redirectErrorStream(true)
        .start();
    assertThat(tar.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(tar.exitValue()).as(new String(tar.getInputStream().readAllBytes())).isZero();
    try (Stream<Path> top = Files.list(root)) {
      List<Path> dirs = top.toList();
      assertThat(dirs).as("one top directory, dynakv-<version>").hasSize(1);
      home = dirs.get(0);
    }
    assertThat(home.getFileName().toString()).startsWith("dynakv-");
  }

  @Test
  void theTarballHoldsLaunchersConfigurationServerJarAndLicenses() throws Exception {
    for (String launcher : List.of("bin/dynakv-server", "bin/dynakv", "bin/dynakv-certs", "bin/dynakv-tokens")) {
      assertThat(Files.getPosixFilePermissions(home.resolve(launcher)))
          .as(launcher)
          .contains(PosixFilePermission.OWNER_EXECUTE, PosixFilePermission.OTHERS_EXECUTE);
    }
    for (String file :
        List.of(
            "conf/dynakv.conf",
            "lib/dynakv-server.jar",
            "lib/dynakv-cli.jar",
            "share/systemd/dynakv.service",
            "docs/deployment.md")) {
      assertThat(home.resolve(file)).isRegularFile();
    }
    assertThat(Files.readString(home.resolve("LICENSE"))).contains("Apache License", "Version 2.0");
    assertThat(Files.readString(home.resolve("NOTICE"))).startsWith("\ndynakv\nCopyright").contains("Jackson");
    assertThat(Files.readString(home.resolve("THIRD-PARTY.txt")))
        .contains("com.typesafe.akka:akka-actor_2.13:2.6.21", "org.rocksdb:rocksdbjni", "MIT License");
    assertThat(home.resolve("licenses/scala-library/LICENSE")).isRegularFile();
    assertThat(Files.readString(home.resolve("THIRD-PARTY-cli.txt"))).contains("info.picocli:picocli");
    try (ZipFile jar = new ZipFile(home.resolve("lib/dynakv-server.jar").toFile())) {
      assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/LICENSE")).readAllBytes()))
          .isEqualTo(Files.readString(home.resolve("LICENSE")));
      assertThat(jar.getEntry("META-INF/NOTICE")).isNotNull();
      assertThat(jar.getEntry("META-INF/THIRD-PARTY.txt")).isNotNull();
    }
  }

  @Test
  void twoNodesStartedFromTheTarballFormOneRingOverTls() throws Exception {
    // The operator's way: the tarball's script makes the CA and both nodes' stores.
    Path certs = NodeCertificates.make(home.resolve("bin/dynakv-certs"), root.resolve("tls"), "node-1", "node-2");
    InstalledNode first = new InstalledNode(home, "node-1", root.resolve("host-1"), Map.of());
    // The second logs JSON lines, chosen through the environment as in a systemd unit.
    InstalledNode second =
        new InstalledNode(home, "node-2", root.resolve("host-2"), Map.of("DYNAKV_LOG_FORMAT", "json"));
    List<InstalledNode> nodes = List.of(first, second);
    try {
      for (InstalledNode node : nodes) {
        node.start(node.config(first, certs, "node-1", "node-2"));
      }
      for (InstalledNode node : nodes) {
        awaitReady(node);
      }
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .untilAsserted(
              () -> {
                for (InstalledNode node : nodes) {
                  assertThat(members(node)).as("ring members on " + node.nodeId()).containsExactlyInAnyOrder("node-1", "node-2");
                }
              });

      Http.Answer put = Http.put(first.uri("/v1/buckets/dist/keys/k"), "from the tarball", "text/plain", null);
      assertThat(put.status()).as(put.body()).isBetween(200, 299);
      Awaitility.await()
          .atMost(Duration.ofSeconds(30))
          .ignoreExceptions()
          .until(() -> Http.get(second.uri("/v1/buckets/dist/keys/k")).body().equals("from the tarball"));

      // The tarball's own CLI, against the nodes it started: the ring, and a read.
      String base = first.uri("/").toString().replaceAll("/$", "");
      Process ring =
          new ProcessBuilder(home.resolve("bin/dynakv").toString(), "--node", base, "--json", "ring")
              .redirectErrorStream(true)
              .start();
      String ringOut = new String(ring.getInputStream().readAllBytes());
      assertThat(ring.waitFor()).as(ringOut).isZero();
      assertThat(Json.parse(ringOut).path("members").toString()).contains("node-1", "node-2");
      Process get =
          new ProcessBuilder(home.resolve("bin/dynakv").toString(), "--node", base, "get", "dist", "k")
              .redirectErrorStream(true)
              .start();
      String getOut = new String(get.getInputStream().readAllBytes());
      assertThat(get.waitFor()).as(getOut).isZero();
      assertThat(getOut).contains("from the tarball");

      List<String> jsonLines = Files.readAllLines(second.dataDir().resolve("node.log"));
      assertThat(jsonLines).isNotEmpty();
      for (String line : jsonLines) {
        JsonNode event = Json.parse(line);
        assertThat(event.path("node").asText()).as(line).isEqualTo("node-2");
        assertThat(event.has("message")).as(line).isTrue();
      }
      assertThat(Files.readAllLines(first.dataDir().resolve("node.log")).get(0)).matches("\\d{4}-\\d{2}-\\d{2} .*");
      assertThat(Files.readString(first.dataDir().resolve("node.log")))
          .contains("Artery tls-tcp", "node TLS on (TLSv1.3, mutual authentication)");
    } finally {
      for (InstalledNode node : nodes) {
        node.stop();
      }
    }
  }

  @Test
  void aMisspeltKeyStopsANodeOfTheTarballWithOneLineNamingIt() throws Exception {
    InstalledNode node = new InstalledNode(home, "node-1", root.resolve("typo"), Map.of());
    String conf = node.config(node).replace("ring.partitions = 64", "ring.partitons = 64");
    try {
      node.start(conf);
      assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(node.output())
          .singleElement()
          .asString()
          .startsWith("dynakv: invalid configuration: unknown key dynakv.ring.partitons, set in ")
          .endsWith("(did you mean dynakv.ring.partitions?)");
    } finally {
      node.stop();
    }
  }

  @Test
  void theShippedConfigurationHasNodeTlsOnAndRefusesToStartWithoutCertificates() throws Exception {
    String shipped = Files.readString(home.resolve("conf/dynakv.conf"));
    assertThat(shipped).contains("security.tls {\n    enabled = on", "bin/dynakv-certs --out tls");
    // Started as shipped in an empty directory: no tls/ there yet. (It exits while checking
    // its configuration, before it would listen on the shipped ports.)
    InstalledNode node = new InstalledNode(home, "node-1", root.resolve("shipped"), Map.of());
    try {
      node.start(shipped);
      assertThat(node.awaitExit(Duration.ofSeconds(60))).isEqualTo(2);
      assertThat(node.output())
          .singleElement()
          .asString()
          .startsWith("dynakv: invalid configuration: dynakv.security.tls.key-store = \"tls/node-1/keystore.p12\", set in ")
          .contains("no such file " + root.resolve("shipped/tls/node-1/keystore.p12"), "bin/dynakv-certs");
    } finally {
      node.stop();
    }
  }

  private static void awaitReady(InstalledNode node) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .failFast(node.nodeId() + " exited", () -> !node.isAlive())
        .until(() -> Http.get(node.uri("/v1/ready")).status() == 200);
  }

  private static List<String> members(InstalledNode node) throws Exception {
    List<String> members = new ArrayList<>();
    Json.parse(Http.get(node.uri("/v1/ring")).body()).get("members").forEach(m -> members.add(m.asText()));
    return members;
  }
}
