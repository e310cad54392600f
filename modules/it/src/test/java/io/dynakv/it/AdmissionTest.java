package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Node admission (issue 11): three admitted nodes and a fourth that connects without being
 * admitted. It stays out of the ring for several settle times, owns and holds nothing, and
 * GET /v1/members says it is not admitted; once an operator admits it, its share of the
 * partitions and their data move to it.
 */
class AdmissionTest {

  private static final int KEYS = 200;
  /** LocalCluster's claim-settle is 2 s. */
  private static final Duration WELL_OVER_THE_SETTLE_TIME = Duration.ofSeconds(8);

  @TempDir Path root;

  @Test
  void aConnectedNodeGetsNoPartitionsUntilAdmittedThenItsShareAndDataMoveToIt() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      for (int i = 0; i < KEYS; i++) {
        Http.Answer put =
            Http.put(cluster.node(1 + i % 3).uri("/v1/buckets/adm/keys/k" + i), "v" + i, "text/plain", null);
        assertThat(put.status()).as("k" + i).isEqualTo(204);
      }

      NodeProcess n4 = cluster.addUnadmittedNode();
      Http.Answer ready = Http.get(n4.uri("/v1/ready"));
      assertThat(ready.status()).isEqualTo(200);
      assertThat(Json.parse(ready.body()).get("ringMember").asBoolean()).isFalse();
      assertThat(Json.parse(ready.body()).get("detail").asText()).contains("dynakv join node-4");

      Awaitility.await()
          .during(WELL_OVER_THE_SETTLE_TIME)
          .atMost(WELL_OVER_THE_SETTLE_TIME.plusSeconds(30))
          .pollInterval(Duration.ofMillis(500))
          .ignoreExceptions()
          .until(
              () -> {
                for (NodeProcess n : cluster.nodes()) {
                  JsonNode ring = ClusterSupport.ring(n);
                  if (ring.get("members").toString().contains("node-4")
                      || ClusterSupport.ownership(ring).containsKey("node-4")) {
                    return false;
                  }
                }
                return true;
              });
      JsonNode status = Json.parse(Http.get(n4.uri("/v1/status")).body());
      assertThat(status.get("partitions").get("owned").asInt()).isZero();
      assertThat(status.get("objects").asLong()).as("objects on the unadmitted node").isZero();
      JsonNode waiting = member(n1, "node-4");
      assertThat(waiting.get("reachable").asBoolean()).isTrue();
      assertThat(waiting.get("ringMember").asBoolean()).isFalse();
      assertThat(waiting.get("admitted").asBoolean()).isFalse();
      assertThat(member(n1, "node-2").get("admitted").asBoolean()).isTrue();

      // An operator admits it through any node.
      Http.Answer admit = Http.post(cluster.node(2).uri("/v1/cluster/admit/node-4"));
      assertThat(admit.status()).as(admit.body()).isEqualTo(202);
      assertThat(Json.parse(admit.body()).get("accepted").asBoolean()).isTrue();

      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      assertThat(ClusterSupport.ownership(ring).values()).containsOnly(64);
      ClusterSupport.awaitNoPendingHandoff(cluster.nodes(), Duration.ofSeconds(120));
      JsonNode after = Json.parse(Http.get(n4.uri("/v1/status")).body());
      assertThat(after.get("partitions").get("owned").asInt()).isPositive();
      assertThat(after.get("objects").asLong()).as("objects handed off to node-4").isPositive();
      assertThat(member(n1, "node-4").get("admitted").asBoolean()).isTrue();
      assertThat(Json.parse(Http.get(n4.uri("/v1/ready")).body()).get("ringMember").asBoolean()).isTrue();
      for (int i = 0; i < KEYS; i++) {
        Http.Answer read = Http.get(n4.uri("/v1/buckets/adm/keys/k" + i + "?r=3"));
        assertThat(read.status()).as("k" + i).isEqualTo(200);
        assertThat(read.body()).isEqualTo("v" + i);
      }
    }
  }

  private static JsonNode member(NodeProcess via, String node) throws Exception {
    List<JsonNode> found = new java.util.ArrayList<>();
    Json.parse(Http.get(via.uri("/v1/members")).body())
        .get("members")
        .forEach(
            m -> {
              if (m.get("node").asText().equals(node)) {
                found.add(m);
              }
            });
    assertThat(found).as(node + " in GET /v1/members").hasSize(1);
    return found.get(0);
  }
}
