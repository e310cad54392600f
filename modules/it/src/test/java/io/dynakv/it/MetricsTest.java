package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.http.PrometheusText;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics on each node of a real three-node cluster after a few hundred key requests,
 * read with the strict text-format parser: every node counts exactly the requests it answered,
 * by operation and outcome, and the cluster's state shows in plausible values.
 */
class MetricsTest {

  private static final String T = "?timeout=10000";

  @TempDir Path root;

  /** Requests sent to each node, by "operation/outcome", as the answers' statuses tell. */
  private final Map<String, Map<String, Integer>> sent = new HashMap<>();

  private LocalCluster cluster;

  @Test
  void everyNodeExportsItsRequestsAndTheClustersState() throws Exception {
    try (LocalCluster started = LocalCluster.start(3, root, Map.of())) {
      cluster = started;
      List<NodeProcess> nodes = cluster.nodes();
      ClusterSupport.awaitCommonRing(nodes, 3);

      String[] contexts = new String[120];
      for (int i = 0; i < 120; i++) {
        Http.Answer put = Http.put(key(i, i), "value-" + i, "text/plain", null);
        tally(via(i), "put", put.status());
        assertThat(put.status()).as(put.body()).isEqualTo(204);
        contexts[i] = put.context();
      }
      for (int i = 0; i < 120; i++) {
        // Read through another node than the one that coordinated the write.
        Http.Answer get = Http.get(key(i + 1, i));
        tally(via(i + 1), "get", get.status());
        assertThat(get.status()).as(get.body()).isEqualTo(200);
      }
      for (int i = 0; i < 60; i++) {
        Http.Answer delete = Http.delete(key(i, i), contexts[i]);
        tally(via(i), "delete", delete.status());
        assertThat(delete.status()).as(delete.body()).isEqualTo(204);
      }
      for (int i = 0; i < 30; i++) {
        // Deleted keys and keys never written.
        Http.Answer get =
            Http.get(i % 2 == 0 ? key(i, i) : uri(i, "/v1/buckets/metrics/keys/never-" + i + T));
        tally(via(i), "get", get.status());
        assertThat(get.status()).as(get.body()).isEqualTo(404);
      }
      for (int i = 0; i < 6; i++) {
        Http.Answer bad = Http.get(uri(i, "/v1/buckets/metrics/keys/k?r=several"));
        tally(via(i), "get", bad.status());
        assertThat(bad.status()).isEqualTo(400);
      }

      for (NodeProcess node : nodes) {
        Http.Answer scrape = Http.get(node.uri("/metrics"));
        assertThat(scrape.status()).isEqualTo(200);
        assertThat(scrape.contentType().toLowerCase()).isEqualTo("text/plain; version=0.0.4; charset=utf-8");
        PrometheusText.Exposition metrics = PrometheusText.parse(scrape.body());
        String id = node.nodeId();

        PrometheusText.Family requests = metrics.family("dynakv_requests_seconds");
        assertThat(requests.type()).isEqualTo("histogram");
        Map<String, Integer> expected = sent.get(id);
        for (String op : List.of("get", "put", "delete")) {
          for (String outcome : requests.labelValues("outcome")) {
            double count =
                requests.sum("dynakv_requests_seconds_count", Map.of("operation", op, "outcome", outcome));
            assertThat(count)
                .as("%s %s/%s", id, op, outcome)
                .isEqualTo(expected.getOrDefault(op + "/" + outcome, 0).doubleValue());
          }
        }

        PrometheusText.Family acks = metrics.family("dynakv_quorum_acks_total");
        assertThat(acks.type()).isEqualTo("counter");
        assertThat(acks.value(Map.of("operation", "get"))).as(id).isPositive();
        assertThat(acks.value(Map.of("operation", "put"))).as(id).isPositive();
        assertThat(metrics.family("dynakv_ring_epoch").value(Map.of())).as(id).isGreaterThanOrEqualTo(1);
        assertThat(metrics.family("dynakv_ring_members").value(Map.of())).as(id).isEqualTo(3);
        assertThat(metrics.family("dynakv_ring_in_transition").value(Map.of())).as(id).isZero();
        assertThat(metrics.family("dynakv_cluster_members").value(Map.of("status", "up"))).as(id).isEqualTo(3);
        assertThat(metrics.family("dynakv_cluster_unreachable_members").value(Map.of())).as(id).isZero();
        // n = 3 on three nodes: every node holds every key, tombstones included.
        assertThat(metrics.family("dynakv_storage_objects").value(Map.of())).as(id).isGreaterThanOrEqualTo(120);
        assertThat(metrics.family("dynakv_storage_data_bytes").value(Map.of())).as(id).isPositive();
        assertThat(metrics.family("dynakv_replicas").value(Map.of("kind", "owned"))).as(id).isPositive();
        assertThat(metrics.family("dynakv_admission_background_share").value(Map.of())).as(id).isBetween(0.0, 1.0);
        PrometheusText.Family sync = metrics.family("dynakv_storage_sync_seconds");
        assertThat(sync.type()).isEqualTo("histogram");
        assertThat(sync.sum("dynakv_storage_sync_seconds_count", Map.of())).as(id).isPositive();
        for (String family :
            List.of(
                "dynakv_read_repairs_total",
                "dynakv_anti_entropy_exchanges_total",
                "dynakv_anti_entropy_keys_repaired_total",
                "dynakv_handoff_objects_sent_total",
                "dynakv_hinted_writes_total",
                "dynakv_forwarded_puts_total")) {
          assertThat(metrics.family(family).type()).as(family).isEqualTo("counter");
        }
        assertThat(metrics.family("dynakv_handoff_transfer_partitions_left").value(Map.of())).as(id).isZero();
        assertThat(metrics.family("jvm_memory_used_bytes").sum("jvm_memory_used_bytes", Map.of("area", "heap")))
            .as(id)
            .isPositive();
        assertThat(metrics.has("jvm_gc_memory_allocated_bytes_total")).isTrue();
        assertThat(metrics.has("jvm_threads_live_threads")).isTrue();
        assertThat(metrics.has("process_uptime_seconds")).isTrue();
        metrics.families().values().forEach(
            f -> assertThat(f.allSamples(s -> id.equals(s.label("node")))).as(f.name()).isTrue());
      }
    }
  }

  /** Request {@code i} goes to node {@code 1 + i % 3}. */
  private NodeProcess via(int i) {
    return cluster.node(1 + i % 3);
  }

  /** Key {@code k}, through node {@code 1 + i % 3}. */
  private java.net.URI key(int i, int k) {
    return uri(i, "/v1/buckets/metrics/keys/k" + k + T);
  }

  private java.net.URI uri(int i, String path) {
    return via(i).uri(path);
  }

  private void tally(NodeProcess node, String op, int status) {
    String outcome =
        switch (status) {
          case 200, 204 -> "ok";
          case 300 -> "siblings";
          case 404 -> "not_found";
          case 400, 413 -> "bad_request";
          case 503 -> "quorum_not_met";
          case 504 -> "timeout";
          default -> "error";
        };
    sent.computeIfAbsent(node.nodeId(), k -> new HashMap<>()).merge(op + "/" + outcome, 1, Integer::sum);
  }
}
