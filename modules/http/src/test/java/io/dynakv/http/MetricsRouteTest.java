package io.dynakv.http;

import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * GET /metrics on one real node, after requests of every outcome, read with a strict parser;
 * and the shipped Grafana dashboard queries only what is there.
 */
class MetricsRouteTest {

  @TempDir static Path dataDir;

  static RunningNode node;

  @BeforeAll
  static void start() throws Exception {
    node = RunningNode.start(dataDir);
  }

  @AfterAll
  static void stop() throws Exception {
    if (node != null) {
      node.close();
    }
  }

  @Test
  void metricsCountEveryKeyRequestByOperationAndOutcome() throws IOException {
    String[] contexts = new String[5];
    for (int i = 0; i < 5; i++) {
      HttpResponse<byte[]> put = send("PUT", "/v1/buckets/m/keys/k" + i, "v" + i, Map.of());
      assertThat(put.statusCode()).isEqualTo(204);
      contexts[i] = RunningNode.context(put);
    }
    for (int i = 0; i < 3; i++) {
      assertThat(status("GET", "/v1/buckets/m/keys/k" + i, null)).isEqualTo(200);
    }
    assertThat(status("GET", "/v1/buckets/m/keys/missing-1", null)).isEqualTo(404);
    assertThat(status("GET", "/v1/buckets/m/keys/missing-2", null)).isEqualTo(404);
    assertThat(send("DELETE", "/v1/buckets/m/keys/k4", null, Map.of("X-Context", contexts[4])).statusCode())
        .isEqualTo(204);
    // Without a context, the tombstone stands beside the value it did not see.
    assertThat(status("DELETE", "/v1/buckets/m/keys/k3", null)).isEqualTo(300);
    assertThat(status("GET", "/v1/buckets/m/keys/k0?r=many", null)).isEqualTo(400);
    assertThat(status("PUT", "/v1/buckets/m/keys/big", "x".repeat(RunningNode.MAX_VALUE_BYTES + 1)))
        .isEqualTo(413);
    // n = 3 on a one-node cluster: the quorum cannot be met.
    assertThat(status("PUT", "/v1/buckets/wide/props", "{\"n\":3,\"r\":2,\"w\":2}")).isEqualTo(200);
    assertThat(status("GET", "/v1/buckets/wide/keys/k?timeout=1000", null)).isEqualTo(503);
    // Not a key operation: not counted.
    assertThat(status("POST", "/v1/buckets/m/keys/k0", null)).isEqualTo(405);

    HttpResponse<byte[]> scrape = node.get("/metrics");
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(scrape.headers().firstValue("Content-Type").orElseThrow().toLowerCase())
        .isEqualTo("text/plain; version=0.0.4; charset=utf-8");
    PrometheusText.Exposition metrics = PrometheusText.parse(text(scrape));

    PrometheusText.Family requests = metrics.family("dynakv_requests_seconds");
    assertThat(requests.type()).isEqualTo("histogram");
    assertThat(requests.labelValues("operation")).containsExactlyInAnyOrder("get", "put", "delete");
    assertThat(requests.labelValues("outcome"))
        .containsExactlyInAnyOrder(
            "ok", "not_found", "siblings", "quorum_not_met", "timeout", "bad_request", "overloaded", "error");
    assertThat(count(requests, "put", "ok")).isEqualTo(5);
    assertThat(count(requests, "get", "ok")).isEqualTo(3);
    assertThat(count(requests, "get", "not_found")).isEqualTo(2);
    assertThat(count(requests, "delete", "ok")).isEqualTo(1);
    assertThat(count(requests, "delete", "siblings")).isEqualTo(1);
    assertThat(count(requests, "get", "bad_request")).isEqualTo(1);
    assertThat(count(requests, "put", "bad_request")).isEqualTo(1);
    assertThat(count(requests, "get", "quorum_not_met")).isEqualTo(1);
    assertThat(requests.sum("dynakv_requests_seconds_count", Map.of())).isEqualTo(15);
    // The buckets reach from 1 ms to 10 s (then +Inf).
    Set<String> bounds = requests.labelValues("le");
    assertThat(bounds).contains("+Inf");
    double smallest =
        bounds.stream().mapToDouble(PrometheusTextTest::bound).min().orElseThrow();
    double largest =
        bounds.stream().filter(b -> !b.equals("+Inf")).mapToDouble(Double::parseDouble).max().orElseThrow();
    assertThat(smallest).isBetween(0.0009, 0.0011);
    assertThat(largest).isBetween(9.9, 10.1);

    PrometheusText.Family acks = metrics.family("dynakv_quorum_acks_total");
    assertThat(acks.type()).isEqualTo("counter");
    // n = 1: every get and put that reached a coordinator got one ack.
    assertThat(acks.value(Map.of("operation", "get"))).isGreaterThanOrEqualTo(5);
    assertThat(acks.value(Map.of("operation", "put"))).isGreaterThanOrEqualTo(6);

    assertThat(metrics.family("dynakv_ring_epoch").value(Map.of())).isGreaterThanOrEqualTo(1);
    assertThat(metrics.family("dynakv_ring_members").value(Map.of())).isEqualTo(1);
    assertThat(metrics.family("dynakv_ring_in_transition").value(Map.of())).isZero();
    assertThat(metrics.family("dynakv_storage_objects").value(Map.of())).isGreaterThanOrEqualTo(5);
    assertThat(metrics.family("dynakv_storage_data_bytes").type()).isEqualTo("gauge");
    assertThat(metrics.family("dynakv_admission_background_share").value(Map.of())).isBetween(0.0, 1.0);
    assertThat(metrics.family("dynakv_handoff_objects_sent_total").type()).isEqualTo("counter");
    assertThat(metrics.family("dynakv_handoff_pending_objects").labelValues("kind"))
        .containsExactlyInAnyOrder("hinted", "transfer", "ownership");
    assertThat(metrics.family("dynakv_anti_entropy_exchanges_total").type()).isEqualTo("counter");
    // One node is on every preference list: it never forwards a put.
    assertThat(metrics.family("dynakv_forwarded_puts_total").value(Map.of())).isZero();

    PrometheusText.Family sync = metrics.family("dynakv_storage_sync_seconds");
    assertThat(sync.type()).isEqualTo("histogram");
    assertThat(sync.sum("dynakv_storage_sync_seconds_count", Map.of())).isPositive();
    assertThat(metrics.family("dynakv_storage_commit_seconds").sum("dynakv_storage_commit_seconds_count", Map.of()))
        .isPositive();

    assertThat(metrics.family("jvm_memory_used_bytes").type()).isEqualTo("gauge");
    assertThat(metrics.family("jvm_threads_live_threads").type()).isEqualTo("gauge");
    assertThat(metrics.has("process_uptime_seconds")).isTrue();

    String nodeId = node.handle.settings().nodeId();
    metrics.families().values().forEach(
        f -> assertThat(f.allSamples(s -> nodeId.equals(s.label("node")))).as(f.name()).isTrue());

    assertDashboardQueriesOnlyExistingFamilies(metrics);
  }

  /** Every metric the shipped Grafana dashboard queries is one the node exports. */
  private static void assertDashboardQueriesOnlyExistingFamilies(PrometheusText.Exposition metrics)
      throws IOException {
    JsonNode dashboard = new ObjectMapper().readTree(Path.of("../../deploy/grafana/dynakv-dashboard.json").toFile());
    Set<String> queried = new TreeSet<>();
    Pattern name = Pattern.compile("\\b(?:dynakv|jvm|process|system)_[a-z0-9_]+");
    for (JsonNode panel : dashboard.path("panels")) {
      for (JsonNode target : panel.path("targets")) {
        Matcher m = name.matcher(target.path("expr").asText());
        while (m.find()) {
          queried.add(m.group());
        }
      }
    }
    assertThat(queried).isNotEmpty();
    for (String sample : queried) {
      String family = sample.replaceFirst("_(bucket|count|sum)$", "");
      boolean exported =
          metrics.has(sample) && !metrics.family(sample).type().equals("histogram")
              || metrics.has(family) && Set.of("histogram", "summary").contains(metrics.family(family).type());
      // GC pauses are registered at the first collection, which may not have happened yet.
      assertThat(exported || family.equals("jvm_gc_pause_seconds")).as(sample).isTrue();
    }
  }

  @Test
  void metricsAnswersOnlyGet() {
    HttpResponse<byte[]> post = node.send("POST", "/metrics", null, Map.of());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    assertThat(RunningNode.json(post).path("error").asText()).isEqualTo("method not allowed");
  }

  private static long count(PrometheusText.Family requests, String operation, String outcome) {
    return (long)
        requests.sum("dynakv_requests_seconds_count", Map.of("operation", operation, "outcome", outcome));
  }

  private static int status(String method, String path, String body) {
    return send(method, path, body, Map.of()).statusCode();
  }

  private static HttpResponse<byte[]> send(
      String method, String path, String body, Map<String, String> headers) {
    return node.send(method, path, body == null ? null : body.getBytes(StandardCharsets.UTF_8), headers);
  }
}
