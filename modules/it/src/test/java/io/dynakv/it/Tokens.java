package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * One token per role, made by {@code deploy/make-tokens.sh} as an operator makes them: {@link
 * #hashedFile} is the nodes' tokens file, {@link #read}, {@link #write} and {@link #admin} the
 * tokens clients send.
 */
record Tokens(Path hashedFile, String read, String write, String admin) {

  static Tokens make(Path dir) throws Exception {
    Path script = Path.of(System.getProperty("dynakv.repo", "../..")).resolve("deploy/make-tokens.sh");
    Process process =
        new ProcessBuilder("bash", script.toString(), dir.toString()).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    JsonNode plain = Json.parse(Files.readString(dir.resolve("tokens.json")));
    return new Tokens(
        dir.resolve("tokens-hashed.json"),
        plain.path("read").asText(),
        plain.path("write").asText(),
        plain.path("admin").asText());
  }
}
