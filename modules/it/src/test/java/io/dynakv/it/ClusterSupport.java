package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/** Cluster-level checks shared by the multi-process tests. */
final class ClusterSupport {

  private ClusterSupport() {}

  static JsonNode ring(NodeProcess node) throws Exception {
    Http.Answer a = Http.get(node.uri("/v1/ring"));
    assertThat(a.status()).isEqualTo(200);
    return Json.parse(a.body());
  }

  /**
   * Waits until every given node has the same settled ring (no transition) with {@code members}
   * members; returns it.
   */
  static JsonNode awaitCommonRing(List<NodeProcess> nodes, int members) {
    JsonNode[] common = new JsonNode[1];
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode first = ring(nodes.get(0));
              for (NodeProcess n : nodes) {
                JsonNode r = ring(n);
                if (r.get("members").size() != members
                    || !r.get("transition").isNull()
                    || !r.equals(first)) {
                  return false;
                }
              }
              common[0] = first;
              return true;
            });
    return common[0];
  }

  static Map<String, Integer> ownership(JsonNode ring) {
    Map<String, Integer> counts = new HashMap<>();
    ring.get("owners").forEach(o -> counts.merge(o.asText(), 1, Integer::sum));
    return counts;
  }

  static List<String> preflistNodes(NodeProcess node, String bucket, String key) throws Exception {
    Http.Answer a = Http.get(node.uri("/v1/preflist/" + bucket + "/" + key));
    assertThat(a.status()).isEqualTo(200);
    List<String> nodes = new ArrayList<>();
    Json.parse(a.body()).get("nodes").forEach(n -> nodes.add(n.get("node").asText()));
    return nodes;
  }

  /**
   * Waits until a (re)started node is an Up member of the cluster in its own view. Ready
   * (/v1/ready) comes sooner: a restarted node serves HTTP from its stored ring before it has
   * joined, and the other nodes may still count its killed incarnation as reachable until
   * their failure detector notices; once the new one is Up, they have removed the old one.
   */
  static void awaitJoined(NodeProcess node) {
    Awaitility.await("node " + node.nodeId() + " Up in the cluster")
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () -> {
              for (JsonNode m : Json.parse(Http.get(node.uri("/v1/members")).body()).get("members")) {
                if (m.get("node").asText().equals(node.nodeId())) {
                  return m.get("status").asText().equals("Up");
                }
              }
              return false;
            });
  }

  /** Waits until {@code node} sees every one of {@code expected} as a primary for the key. */
  static void awaitPrimaries(NodeProcess node, String bucket, String key, int expected) {
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () -> {
              JsonNode list =
                  Json.parse(Http.get(node.uri("/v1/preflist/" + bucket + "/" + key)).body())
                      .get("nodes");
              int primaries = 0;
              for (JsonNode n : list) {
                primaries += n.get("primary").asBoolean() ? 1 : 0;
              }
              return primaries == expected;
            });
  }

  static void awaitNoPendingHandoff(List<NodeProcess> nodes, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofSeconds(1))
        .ignoreExceptions()
        .until(
            () -> {
              for (NodeProcess n : nodes) {
                Http.Answer a = Http.get(n.uri("/v1/handoff"));
                if (a.status() != 200) {
                  return false;
                }
                JsonNode body = Json.parse(a.body());
                if (body.get("pending").size() != 0 || !body.get("transition").isNull()) {
                  return false;
                }
              }
              return true;
            });
  }
}
