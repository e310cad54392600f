package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged server as an operator runs it: every acknowledged write survives kill -9 and a
 * graceful stop, siblings included.
 */
class SingleNodeCrashTest {

  @TempDir Path dataDir;
  private NodeProcess node;

  private NodeProcess newNode() {
    return new NodeProcess(
        "node-1",
        dataDir,
        NodeProcess.freePort(),
        NodeProcess.freePort(),
        List.of(),
        Map.of("dynakv.defaults.n", "1", "dynakv.defaults.r", "1", "dynakv.defaults.w", "1"));
  }

  @AfterEach
  void stopNode() throws Exception {
    if (node != null) {
      node.kill();
    }
  }

  private static List<String> siblingValues(String json) throws Exception {
    JsonNode root = new ObjectMapper().readTree(json);
    List<String> values = new ArrayList<>();
    for (JsonNode s : root.get("siblings")) {
      values.add(new String(Base64.getDecoder().decode(s.get("value").asText()), StandardCharsets.UTF_8));
    }
    values.sort(String::compareTo);
    return values;
  }

  @Test
  void everyAcknowledgedWriteSurvivesKillNineAndAGracefulRestart() throws Exception {
    node = newNode();
    node.start();
    node.awaitReady(Duration.ofSeconds(60));

    Map<String, String> acknowledged = new LinkedHashMap<>();
    for (int i = 0; i < 300; i++) {
      Http.Answer a = Http.put(node.uri("/v1/buckets/crash/keys/k" + i), "value-" + i, "text/plain", null);
      assertThat(a.status()).isEqualTo(204);
      acknowledged.put("k" + i, "value-" + i);
    }
    // Siblings: a second blind write to k0 (stored; its answer shows both versions).
    assertThat(Http.put(node.uri("/v1/buckets/crash/keys/k0"), "concurrent", "text/plain", null).status())
        .isEqualTo(300);

    node.kill();
    node = newNodeWithSameDir(node);
    node.start();
    node.awaitReady(Duration.ofSeconds(60));
    assertAllThere(acknowledged);

    node.stop();
    assertThat(node.exitCode()).isIn(0, 143);
    node = newNodeWithSameDir(node);
    node.start();
    node.awaitReady(Duration.ofSeconds(60));
    assertAllThere(acknowledged);
  }

  private NodeProcess newNodeWithSameDir(NodeProcess old) {
    return newNode();
  }

  private void assertAllThere(Map<String, String> acknowledged) throws Exception {
    Http.Answer siblings = Http.get(node.uri("/v1/buckets/crash/keys/k0"));
    assertThat(siblings.status()).isEqualTo(300);
    assertThat(siblingValues(siblings.body())).containsExactly("concurrent", "value-0");
    for (var e : acknowledged.entrySet()) {
      if (e.getKey().equals("k0")) {
        continue;
      }
      Http.Answer a = Http.get(node.uri("/v1/buckets/crash/keys/" + e.getKey()));
      assertThat(a.status()).as(e.getKey()).isEqualTo(200);
      assertThat(a.body()).isEqualTo(e.getValue());
      assertThat(a.context()).isNotBlank();
    }
  }
}
