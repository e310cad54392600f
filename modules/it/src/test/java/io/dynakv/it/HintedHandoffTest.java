package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Four node JVMs, N=3, W=2: node 3 is killed, writes go on (fallbacks stand in for it), node 3
 * comes back, the hints go home — and node 3 alone then serves every key it is a primary of.
 */
class HintedHandoffTest {

  @TempDir Path root;

  @Test
  void hintsWrittenWhileANodeWasDownReachItWhenItReturns() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(4, root, Map.of())) {
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 4);
      assertThat(ClusterSupport.ownership(ring).values()).containsOnly(64);
      NodeProcess n1 = cluster.node(1);
      NodeProcess n2 = cluster.node(2);
      NodeProcess n3 = cluster.node(3);
      NodeProcess n4 = cluster.node(4);

      // Keys for which node 3 is a primary, chosen while everyone is up.
      List<String> keys = new ArrayList<>();
      for (int i = 0; keys.size() < 150; i++) {
        if (ClusterSupport.preflistNodes(n1, "h", "k" + i).contains("node-3")) {
          keys.add("k" + i);
        }
      }

      n3.kill();
      for (int i = 0; i < keys.size(); i++) {
        NodeProcess via = i % 2 == 0 ? n1 : n2;
        Http.Answer put =
            Http.put(via.uri("/v1/buckets/h/keys/" + keys.get(i) + "?w=2"), "v" + i, "text/plain", null);
        assertThat(put.status()).as(keys.get(i) + " via " + via.nodeId() + ": " + put.body()).isEqualTo(204);
      }
      n3.start();
      n3.awaitReady(Duration.ofSeconds(60));
      ClusterSupport.awaitNoPendingHandoff(List.of(n1, n2, n3, n4), Duration.ofSeconds(120));

      n1.stop();
      n2.stop();
      n4.stop();
      for (int i = 0; i < keys.size(); i++) {
        Http.Answer a = Http.get(n3.uri("/v1/buckets/h/keys/" + keys.get(i) + "?r=1"));
        assertThat(a.status()).as("node 3 alone, " + keys.get(i)).isEqualTo(200);
        assertThat(a.body()).isEqualTo("v" + i);
      }
    }
  }
}
