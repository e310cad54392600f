package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Node TLS material made the way an operator makes it: deploy/make-certs.sh (or the
 * tarball's bin/dynakv-certs), one CA per output directory, and the settings that point a
 * node at its stores.
 */
final class NodeCertificates {

  private NodeCertificates() {}

  static Path repositoryScript() {
    return Path.of(System.getProperty("dynakv.deploy.dir", "../../deploy")).resolve("make-certs.sh");
  }

  /** Runs {@code script --out out nodeIds...}; a CA already in {@code out} is reused. */
  static Path make(Path script, Path out, String... nodeIds) throws Exception {
    List<String> cmd = new ArrayList<>(List.of(script.toAbsolutePath().toString(), "--out", out.toString()));
    cmd.addAll(List.of(nodeIds));
    ProcessBuilder builder = new ProcessBuilder(cmd).redirectErrorStream(true);
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(300, TimeUnit.SECONDS)).as("make-certs finished").isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return out;
  }

  static Path make(Path out, String... nodeIds) throws Exception {
    return make(repositoryScript(), out, nodeIds);
  }

  /** The -D settings of node {@code nodeId} with the stores make-certs.sh wrote in {@code out}. */
  static Map<String, String> properties(Path out, String nodeId) {
    Path dir = out.resolve(nodeId).toAbsolutePath();
    return Map.of(
        "dynakv.security.tls.enabled", "on",
        "dynakv.security.tls.key-store", dir.resolve("keystore.p12").toString(),
        "dynakv.security.tls.key-store-password-file", dir.resolve("password").toString(),
        "dynakv.security.tls.trust-store", dir.resolve("truststore.p12").toString());
  }
}
