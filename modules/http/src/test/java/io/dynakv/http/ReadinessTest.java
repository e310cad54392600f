package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.ConfigFactory;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Readiness means cluster membership too: a node that serves HTTP but has not joined its
 * cluster (here its only seed node is a port nobody listens on) is alive and not ready, so a
 * rolling restart waiting on /v1/ready does not move on before the node is back.
 */
class ReadinessTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  @Test
  void aNodeThatHasNotJoinedItsClusterIsAliveButNotReady() throws Exception {
    int nobody;
    try (ServerSocket socket = new ServerSocket(0)) {
      nobody = socket.getLocalPort();
    }
    try (RunningNode node =
        RunningNode.launch(
            dataDir,
            ConfigFactory.parseString(
                "dynakv.security.http.auth = off\n"
                    + "akka.cluster.seed-nodes = [\"akka://dynakv@127.0.0.1:" + nobody + "\"]"))) {
      HttpResponse<byte[]> health = node.get("/v1/health");
      assertThat(health.statusCode()).isEqualTo(200);
      Awaitility.await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(10))
          .pollInterval(Duration.ofMillis(250))
          .untilAsserted(
              () -> {
                HttpResponse<byte[]> ready = node.get("/v1/ready");
                assertThat(ready.statusCode()).isEqualTo(503);
                JsonNode body = JSON.readTree(ready.body());
                assertThat(body.path("status").asText()).isEqualTo("not ready");
                assertThat(body.path("detail").asText())
                    .startsWith("node-1 is not a member of the cluster")
                    .contains("akka.cluster.seed-nodes");
              });
    }
  }
}
