package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The web console of a real three-node cluster in headless Chromium: the page one node serves
 * at /console/ shows the ring with every partition and owner, the members, and what that node
 * stores; a screenshot lands in target/console.png.
 */
class ConsoleTest {

  private static final int KEYS = 40;

  @TempDir Path root;
  @TempDir Path browser;

  @Test
  void consoleShowsRingMembersAndStorageOfARunningCluster() throws Exception {
    HeadlessChromium.assumeInstalled();
    HeadlessChromium chromium = new HeadlessChromium(browser);
    try (LocalCluster cluster = LocalCluster.start(3, root, Map.of())) {
      NodeProcess n1 = cluster.node(1);
      JsonNode ring = ClusterSupport.awaitCommonRing(cluster.nodes(), 3);
      Map<String, Integer> ownership = ClusterSupport.ownership(ring);
      for (int i = 0; i < KEYS; i++) {
        assertThat(Http.put(n1.uri("/v1/buckets/console/keys/k" + i), "value " + i, "text/plain", null).status())
            .isEqualTo(204);
      }
      Awaitility.await("node-1 counts the writes")
          .atMost(Duration.ofSeconds(30))
          .until(() -> Json.parse(Http.get(n1.uri("/v1/status")).body()).get("objects").asLong() >= KEYS);
      boolean metricsServed = Http.get(n1.uri("/metrics")).status() == 200;
      boolean membersServed = Http.get(n1.uri("/v1/members")).status() == 200;

      Document page;
      AtomicBoolean writing = new AtomicBoolean(true);
      // Requests while the page polls, so a node with /metrics has a rate to draw.
      Thread writer = new Thread(() -> keepWriting(n1, writing), "console-writer");
      writer.start();
      try {
        page = chromium.dumpDom(n1.uri("/console/"));
        chromium.screenshot(n1.uri("/console/"), Path.of("target", "console.png"));
      } finally {
        writing.set(false);
        writer.join();
      }

      assertThat(page.body().attr("data-loaded")).isEqualTo("true");
      assertThat(page.getElementById("errors").hasAttr("hidden"))
          .as(page.getElementById("errors").text())
          .isTrue();
      assertThat(page.getElementById("this-node").text()).isEqualTo("node-1");
      assertThat(page.getElementById("ring-epoch").attr("data-value"))
          .isEqualTo(ring.get("epoch").asText());
      assertThat(page.getElementById("ring-state").attr("data-value")).isEqualTo("settled");

      Element drawn = page.getElementById("ring");
      assertThat(drawn.attr("data-partitions")).isEqualTo("256");
      assertThat(drawn.select("path.seg")).hasSize(256);
      assertThat(drawn.attr("data-moving")).isEqualTo("0");
      Map<String, Integer> shown = new HashMap<>();
      for (Element owner : page.select("#owners tbody tr[data-owner]")) {
        shown.put(owner.attr("data-owner"), Integer.parseInt(owner.attr("data-count")));
      }
      assertThat(shown).isEqualTo(ownership);
      assertThat(shown.values()).allMatch(c -> c == 85 || c == 86);
      for (Element segment : drawn.select("path.seg")) {
        int partition = Integer.parseInt(segment.attr("data-partition"));
        assertThat(segment.attr("data-owner")).isEqualTo(ring.get("owners").get(partition).asText());
      }

      assertThat(page.select("#members tbody tr").eachAttr("data-node"))
          .containsExactly("node-1", "node-2", "node-3");
      assertThat(page.select("#members tbody tr").eachAttr("data-reachable"))
          .containsOnly(membersServed ? "reachable" : "unknown");

      assertThat(Long.parseLong(page.getElementById("storage-objects").attr("data-value")))
          .isGreaterThanOrEqualTo(KEYS);
      assertThat(Long.parseLong(page.getElementById("storage-bytes").attr("data-value"))).isPositive();
      assertThat(page.getElementById("storage-owned").attr("data-value")).isNotEmpty();
      assertThat(page.getElementById("handoff-pending").attr("data-value")).isNotEmpty();
      assertThat(page.getElementById("ae-exchanges").attr("data-value")).isNotEmpty();

      Element requests = page.getElementById("requests");
      if (metricsServed) {
        assertThat(requests.attr("data-state")).isEqualTo("live");
        assertThat(Integer.parseInt(requests.attr("data-samples"))).isGreaterThanOrEqualTo(2);
        assertThat(page.select("#chart-rate path.line[data-series=put]")).hasSize(1);
      } else {
        assertThat(requests.attr("data-state")).isEqualTo("unavailable");
      }

      Path png = Path.of("target", "console.png");
      byte[] head = Files.readAllBytes(png);
      assertThat(head).startsWith(0x89, 'P', 'N', 'G');
      assertThat(Files.size(png)).isGreaterThan(20_000);
    }
  }

  private static void keepWriting(NodeProcess node, AtomicBoolean writing) {
    int i = 0;
    while (writing.get()) {
      try {
        Http.put(node.uri("/v1/buckets/console/keys/live" + i++), "v", "text/plain", null);
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (Exception e) {
        // A failed background write only thins the chart; the assertions are about the page.
      }
    }
  }
}
