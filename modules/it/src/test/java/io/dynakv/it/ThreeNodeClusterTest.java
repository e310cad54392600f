package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three real node JVMs: one ring everywhere, graceful restarts that leave the ring alone,
 * concurrent writes through different coordinators as siblings, and read repair bringing a
 * replica that missed writes up to date.
 */
class ThreeNodeClusterTest {

  @TempDir Path root;

  @Test
  void ringReplicationSiblingsAndReadRepair() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      NodeProcess n1 = cluster.node(1);
      NodeProcess n2 = cluster.node(2);
      NodeProcess n3 = cluster.node(3);

      // One ring, every partition owned, 85 or 86 each.
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      assertThat(ring.get("partitions").asInt()).isEqualTo(256);
      assertThat(ring.get("owners")).hasSize(256);
      assertThat(ClusterSupport.ownership(ring).values()).allMatch(c -> c == 85 || c == 86);
      List<String> preflist = ClusterSupport.preflistNodes(n1, "b", "k");
      assertThat(new HashSet<>(preflist)).hasSize(3);

      // A graceful stop and start of a node does not change the ring.
      n2.stop();
      n2.start();
      n2.awaitReady(Duration.ofSeconds(60));
      ClusterSupport.awaitJoined(n2);
      assertThat(ClusterSupport.awaitCommonRing(cluster.nodes(), 3)).isEqualTo(ring);

      // Bucket properties set on one node reach every node.
      Http.Answer props =
          Http.put(n1.uri("/v1/buckets/props-test/props"), "{\"n\":2,\"r\":1,\"w\":1}", "application/json", null);
      assertThat(props.status()).isEqualTo(200);
      for (NodeProcess n : cluster.nodes()) {
        org.awaitility.Awaitility.await()
            .atMost(Duration.ofSeconds(20))
            .until(() -> Json.parse(Http.get(n.uri("/v1/buckets/props-test/props")).body()).get("n").asInt() == 2);
      }
      assertThat(ClusterSupport.preflistNodes(n3, "props-test", "k")).hasSize(2);

      // Two writes with the same context through different coordinators become siblings.
      ClusterSupport.awaitPrimaries(n1, "s", "key", 3);
      ClusterSupport.awaitPrimaries(n2, "s", "key", 3);
      Http.Answer first = Http.put(n1.uri("/v1/buckets/s/keys/key"), "base", "text/plain", null);
      assertThat(first.status()).isEqualTo(204);
      // Issue 8's X/Y sequence through different nodes: Y writes with X's context through node 1
      // (on every replica: w=3); X's write with the same context through node 2 leaves Y's
      // value beside its own, so it answers 300 listing both, never a bare context over Y's.
      assertThat(Http.put(n1.uri("/v1/buckets/s/keys/key?w=3"), "from-1", "text/plain", first.context()).status())
          .isEqualTo(204);
      Http.Answer x = Http.put(n2.uri("/v1/buckets/s/keys/key"), "from-2", "text/plain", first.context());
      assertThat(x.status()).as(x.body()).isEqualTo(300);
      assertThat(siblings(x.body())).containsExactly("from-1", "from-2");
      Http.Answer both = Http.get(n3.uri("/v1/buckets/s/keys/key?r=3"));
      assertThat(both.status()).isEqualTo(300);
      assertThat(siblings(both.body())).containsExactly("from-1", "from-2");
      // Writing again with what the 300 gave resolves exactly what X was shown.
      Http.Answer resolved = Http.put(n3.uri("/v1/buckets/s/keys/key?w=3"), "merged", "text/plain", x.context());
      assertThat(resolved.status()).isEqualTo(204);
      assertThat(Http.get(n1.uri("/v1/buckets/s/keys/key?r=3")).body()).isEqualTo("merged");

      // Large siblings: two concurrent 1 MiB versions (a 2 MiB object) cross remoting in every
      // read; a third would make the key's object larger than limits.max-object-bytes (3 MiB,
      // under Artery's 4 MiB frame), so it is refused with 413 and nothing of it is kept.
      String mib = "a".repeat(1024 * 1024);
      assertThat(Http.put(n1.uri("/v1/buckets/big/keys/k?w=3"), mib, "text/plain", null).status()).isEqualTo(204);
      assertThat(Http.put(n2.uri("/v1/buckets/big/keys/k?w=3"), mib.replace('a', 'b'), "text/plain", null).status())
          .isEqualTo(300);
      Http.Answer third = Http.put(n3.uri("/v1/buckets/big/keys/k"), mib.replace('a', 'c'), "text/plain", null);
      assertThat(third.status()).as(third.body()).isEqualTo(413);
      assertThat(Json.parse(third.body()).get("detail").asText()).contains("limits.max-object-bytes");
      for (NodeProcess n : cluster.nodes()) {
        Http.Answer big = Http.get(n.uri("/v1/buckets/big/keys/k?r=3"));
        assertThat(big.status()).as(n.nodeId()).isEqualTo(300);
        assertThat(siblings(big.body())).extracting(v -> v.charAt(0)).containsExactly('a', 'b');
      }
      Http.Answer bigBoth = Http.get(n3.uri("/v1/buckets/big/keys/k"));
      assertThat(Http.put(n3.uri("/v1/buckets/big/keys/k?w=3"), "small", "text/plain", bigBoth.context()).status())
          .isEqualTo(204);
      assertThat(Http.get(n2.uri("/v1/buckets/big/keys/k?r=3")).body()).isEqualTo("small");

      // Read repair: node 3 misses writes, then a read at r=3 repairs it.
      n3.kill();
      List<String> keys = new ArrayList<>();
      for (int i = 0; i < 40; i++) {
        String key = "rr-" + i;
        Http.Answer put = Http.put(n1.uri("/v1/buckets/rr/keys/" + key + "?w=2"), "v" + i, "text/plain", null);
        assertThat(put.status()).as(key).isEqualTo(204);
        keys.add(key);
      }
      n3.start();
      n3.awaitReady(Duration.ofSeconds(60));
      ClusterSupport.awaitJoined(n3);
      ClusterSupport.awaitPrimaries(n1, "rr", "rr-0", 3);
      for (int i = 0; i < keys.size(); i++) {
        Http.Answer a = Http.get(n1.uri("/v1/buckets/rr/keys/" + keys.get(i) + "?r=3"));
        assertThat(a.status()).as(keys.get(i) + " " + a.body()).isEqualTo(200);
        assertThat(a.body()).isEqualTo("v" + i);
      }
      n1.stop();
      n2.stop();
      for (int i = 0; i < keys.size(); i++) {
        Http.Answer a = Http.get(n3.uri("/v1/buckets/rr/keys/" + keys.get(i) + "?r=1"));
        assertThat(a.status()).as("node 3 alone, " + keys.get(i)).isEqualTo(200);
        assertThat(a.body()).isEqualTo("v" + i);
      }
    }
  }

  private static List<String> siblings(String json) {
    List<String> values = new ArrayList<>();
    Json.parse(json)
        .get("siblings")
        .forEach(
            s ->
                values.add(
                    new String(Base64.getDecoder().decode(s.get("value").asText()), StandardCharsets.UTF_8)));
    values.sort(String::compareTo);
    return values;
  }

  @Test
  void withTwoOfThreeNodesKilledAQuorumWriteFailsInTimeAndW1Succeeds() throws Exception {
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      NodeProcess n1 = cluster.node(1);
      cluster.node(2).kill();
      cluster.node(3).kill();

      long started = System.nanoTime();
      Http.Answer failed =
          Http.put(n1.uri("/v1/buckets/q/keys/k?w=2&timeout=2000"), "x", "text/plain", null);
      long tookMs = (System.nanoTime() - started) / 1_000_000;
      assertThat(failed.status()).isEqualTo(503);
      JsonNode error = Json.parse(failed.body());
      assertThat(error.get("error").asText()).isEqualTo("quorum not met");
      assertThat(error.get("acks").asInt()).isEqualTo(1);
      assertThat(error.get("required").asInt()).isEqualTo(2);
      assertThat(tookMs).isLessThan(4000);

      // Stored: 204, or 300 beside the failed write's value that node 1 did keep.
      Http.Answer ok = Http.put(n1.uri("/v1/buckets/q/keys/k?w=1"), "x", "text/plain", null);
      assertThat(ok.status()).isIn(204, 300);
      Set<Integer> readable = Set.of(200, 300);
      assertThat(Http.get(n1.uri("/v1/buckets/q/keys/k?r=1")).status()).isIn(readable);
    }
  }
}
