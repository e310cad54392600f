package io.dynakv.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The console in headless Chromium against a stand-in node ({@link ConsoleStub}) whose answers
 * a real cluster does not give on demand: a ring in transition, an unreachable member, a
 * growing request histogram on /metrics, and endpoints that fail.
 */
class ConsoleRenderingTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final List<String> NODES = List.of("node-1", "node-2", "node-3");
  private static final int PARTITIONS = 256;

  @TempDir Path work;

  private HeadlessChromium chromium;

  @BeforeEach
  void setUp() {
    HeadlessChromium.assumeInstalled();
    chromium = new HeadlessChromium(work);
  }

  @Test
  void aNodeThatAnswers401ShowsTheTokenField() throws Exception {
    try (ConsoleStub node = new ConsoleStub()) {
      String unauthorized =
          "{\"error\":\"unauthorized\",\"detail\":\"this request needs a token with the read role\"}";
      for (String path : List.of("/v1/ring", "/v1/members", "/v1/status", "/v1/handoff", "/metrics")) {
        node.fail(path, 401, unauthorized);
      }

      Document page = chromium.dumpDom(node.uri("/console/"));

      assertThat(page.body().attr("data-loaded")).isEqualTo("true");
      assertThat(page.getElementById("auth").hasAttr("hidden")).as("the token form is shown").isFalse();
      assertThat(page.getElementById("errors").text()).contains("401").contains("read role");
    }
  }

  @Test
  void transitionUnreachableMemberAndRequestChartsAreDrawn() throws Exception {
    try (ConsoleStub node = new ConsoleStub()) {
      node.json("/v1/ring", ringJoiningNode4());
      node.json("/v1/members", members());
      node.json("/v1/status", status());
      node.json("/v1/handoff", handoff(11));
      // Per scrape: 600 more gets (10% not found), 240 puts, 20 deletes; per operation, 98%
      // of them within 10 ms and 99.5% within 50 ms, so the p99 is 10 + 40 * (1/1.5) ms.
      node.answer("/metrics", call -> new ConsoleStub.Answer(200, "text/plain; version=0.0.4", metrics(call)));

      Document page = chromium.dumpDom(node.uri("/console/"));

      assertThat(page.body().attr("data-loaded")).isEqualTo("true");
      assertThat(Integer.parseInt(page.body().attr("data-polls"))).isGreaterThanOrEqualTo(3);
      assertThat(page.getElementById("errors").hasAttr("hidden")).as(text(page, "errors")).isTrue();

      Element ring = page.getElementById("ring");
      assertThat(ring.attr("data-partitions")).isEqualTo("256");
      assertThat(ring.attr("data-epoch")).isEqualTo("7");
      assertThat(ring.select("path.seg")).hasSize(PARTITIONS);
      assertThat(ring.select("path.seg.moving")).hasSize(64);
      assertThat(ring.attr("data-moving")).isEqualTo("64");
      assertThat(ring.select("path.seg.moving").first().attr("data-next")).isEqualTo("node-4");
      assertThat(page.getElementById("ring-state").attr("data-value")).isEqualTo("transition");
      Element joining = page.selectFirst("#owners tr[data-owner=node-4]");
      assertThat(joining.attr("data-count")).isEqualTo("0");
      assertThat(joining.attr("data-next-count")).isEqualTo("64");

      assertThat(page.getElementById("members").attr("data-source")).isEqualTo("members");
      assertThat(page.select("#members tbody tr").eachAttr("data-node"))
          .containsExactly("node-1", "node-2", "node-3", "node-4");
      assertThat(page.selectFirst("#members tr[data-node=node-3]").attr("data-reachable")).isEqualTo("unreachable");
      assertThat(page.selectFirst("#members tr[data-node=node-4]").attr("data-status")).isEqualTo("Joining");

      assertThat(page.getElementById("storage-objects").attr("data-value")).isEqualTo("104213");
      assertThat(page.getElementById("storage-bytes").text()).isEqualTo("105.1 MiB");
      assertThat(page.getElementById("handoff-pending").attr("data-value")).isEqualTo("11");
      assertThat(page.getElementById("handoff-transition").attr("data-value")).isEqualTo("21");
      assertThat(page.select("#handoff-list tbody tr[data-partition]")).hasSize(4);
      assertThat(page.getElementById("ae-exchanges").attr("data-value")).isEqualTo("344");

      Element requests = page.getElementById("requests");
      assertThat(requests.attr("data-state")).isEqualTo("live");
      assertThat(Integer.parseInt(requests.attr("data-samples"))).isGreaterThanOrEqualTo(2);
      double get = rate(page, "get");
      double put = rate(page, "put");
      double delete = rate(page, "delete");
      // 600 gets per scrape, a scrape about every 2 s of the page's (virtual) time.
      assertThat(get).isBetween(150.0, 600.0);
      assertThat(put / get).isCloseTo(0.4, within(0.001));
      assertThat(delete / get).isCloseTo(20.0 / 600, within(0.001));
      for (String op : List.of("get", "put", "delete")) {
        Element legend = page.selectFirst("#requests-legend li[data-op=" + op + "]");
        assertThat(Double.parseDouble(legend.attr("data-p99"))).as(op).isCloseTo(10 + 40 / 1.5, within(0.01));
        assertThat(page.select("#chart-rate path.line[data-series=" + op + "]")).as(op).hasSize(1);
        assertThat(page.select("#chart-p99 path.line[data-series=" + op + "]")).as(op).hasSize(1);
      }

      Path png = Path.of("target", "console-transition.png");
      chromium.screenshot(node.uri("/console/"), png);
      assertThat(Files.size(png)).isGreaterThan(20_000);
    }
  }

  @Test
  void failingEndpointsAreShownAndPollingGoesOn() throws Exception {
    try (ConsoleStub node = new ConsoleStub()) {
      node.json("/v1/ring", ring(NODES, owners(NODES), null));
      node.fail("/v1/status", 503, "{\"error\":\"timeout\",\"detail\":\"replicas did not answer\"}");
      node.json("/v1/handoff", handoff(0));
      // No /v1/members and no /metrics: a node built without them.

      Document page = chromium.dumpDom(node.uri("/console/"));

      assertThat(page.body().attr("data-loaded")).isEqualTo("true");
      assertThat(Integer.parseInt(page.body().attr("data-polls"))).isGreaterThanOrEqualTo(3);
      assertThat(node.calls("/v1/status")).isGreaterThanOrEqualTo(3);
      Element errors = page.getElementById("errors");
      assertThat(errors.hasAttr("hidden")).isFalse();
      assertThat(errors.select("[data-endpoint]").eachAttr("data-endpoint")).containsExactly("status");
      assertThat(errors.text()).contains("GET /v1/status: 503 replicas did not answer");

      assertThat(page.select("#ring path.seg")).hasSize(PARTITIONS);
      assertThat(page.getElementById("members").attr("data-source")).isEqualTo("ring");
      assertThat(page.select("#members tbody tr").eachAttr("data-reachable"))
          .containsExactly("unknown", "unknown", "unknown");
      assertThat(page.getElementById("requests").attr("data-state")).isEqualTo("unavailable");
      assertThat(page.getElementById("requests-note").text()).contains("metrics unavailable");
      assertThat(page.getElementById("storage-objects").hasAttr("data-value")).isFalse();
    }
  }

  private static double rate(Document page, String op) {
    return Double.parseDouble(page.selectFirst("#requests-legend li[data-op=" + op + "]").attr("data-rate"));
  }

  private static String text(Document page, String id) {
    return page.getElementById(id).text();
  }

  private static List<String> owners(List<String> nodes) {
    String[] owners = new String[PARTITIONS];
    for (int p = 0; p < PARTITIONS; p++) {
      owners[p] = nodes.get(p % nodes.size());
    }
    return List.of(owners);
  }

  /** node-4 joins: every fourth partition moves to it. */
  private static String ringJoiningNode4() {
    List<String> now = owners(NODES);
    String[] next = now.toArray(String[]::new);
    for (int p = 0; p < PARTITIONS; p += 4) {
      next[p] = "node-4";
    }
    return ring(NODES, now, List.of(next));
  }

  private static String ring(List<String> members, List<String> owners, List<String> nextOwners) {
    ObjectNode ring = JSON.createObjectNode();
    ring.put("epoch", 7);
    ring.put("partitions", PARTITIONS);
    members.forEach(ring.putArray("members")::add);
    owners.forEach(ring.putArray("owners")::add);
    if (nextOwners == null) {
      ring.putNull("transition");
    } else {
      ObjectNode transition = ring.putObject("transition");
      ArrayNode nextMembers = transition.putArray("members");
      members.forEach(nextMembers::add);
      nextMembers.add("node-4");
      nextOwners.forEach(transition.putArray("owners")::add);
      transition.put("movingPartitions", 64);
    }
    return ring.toString();
  }

  private static String members() {
    ObjectNode body = JSON.createObjectNode();
    body.put("node", "node-1");
    ArrayNode list = body.putArray("members");
    String[][] rows = {
      {"node-3", "Up", "false"}, {"node-1", "Up", "true"}, {"node-4", "Joining", "true"}, {"node-2", "Up", "true"}
    };
    int port = 2552;
    for (String[] row : rows) {
      ObjectNode m = list.addObject();
      m.put("node", row[0]);
      m.put("address", "akka://dynakv@127.0.0.1:" + port++);
      m.put("status", row[1]);
      m.put("reachable", Boolean.parseBoolean(row[2]));
      m.put("ringMember", true);
    }
    return body.toString();
  }

  private static String status() {
    return """
        {"node":"node-1","partitions":{"owned":256,"fallback":2},"objects":104213,"hintedObjects":2,
         "bytes":110231812,"ringEpoch":7,"ringInTransition":true,
         "handoff":{"pendingPartitions":11,"pendingObjects":4455,"transferPartitionsLeft":21,
                    "objectsSent":5120,"objectsPerSecond":812.5},
         "antiEntropy":{"exchanges":344,"keysRepaired":3,
                        "lastExchange":{"0":"2026-11-25T22:51:02.114Z","3":"2026-11-25T22:51:02.140Z"}},
         "tombstones":{"reaped":10,"rounds":31,"lastRoundSkipped":null},
         "admission":{"backgroundShare":0.5,"foregroundP99Millis":4.2,"foregroundSamples":812}}
        """;
  }

  private static String handoff(int transfers) {
    ObjectNode body = JSON.createObjectNode();
    ArrayNode pending = body.putArray("pending");
    for (int i = 0; i < transfers; i++) {
      ObjectNode t = pending.addObject();
      t.put("partition", i * 4);
      t.put("from", "node-1");
      t.put("to", "node-4");
      t.put("kind", "transfer");
      t.put("objects", 400 + i);
    }
    if (transfers > 0) {
      ObjectNode transition = body.putObject("transition");
      transition.put("epoch", 7);
      transition.put("partitionsLeft", 21);
    } else {
      body.putNull("transition");
    }
    body.put("objectsSent", 5120);
    body.put("objectsPerSecond", 812.5);
    return body.toString();
  }

  /** The request histogram after `scrape` scrapes, in Micrometer's Prometheus rendering. */
  private static String metrics(int scrape) {
    StringBuilder out = new StringBuilder();
    out.append("# HELP dynakv_requests_seconds Requests coordinated by this node\n");
    out.append("# TYPE dynakv_requests_seconds histogram\n");
    String[] le = {"0.001", "0.005", "0.01", "0.05", "0.1", "+Inf"};
    double[] within = {0.5, 0.9, 0.98, 0.995, 1.0, 1.0};
    Object[][] perScrape = {{"get", 600}, {"put", 240}, {"delete", 20}};
    for (Object[] op : perScrape) {
      for (Object[] outcome : new Object[][] {{"ok", 0.9}, {"not_found", 0.1}}) {
        double count = (int) op[1] * (double) outcome[1] * scrape;
        String labels = "operation=\"" + op[0] + "\",outcome=\"" + outcome[0] + "\",";
        for (int i = 0; i < le.length; i++) {
          // Unrounded (Double.toString), so every scrape adds exactly the same per bucket.
          out.append("dynakv_requests_seconds_bucket{" + labels + "le=\"" + le[i] + "\",} " + count * within[i] + "\n");
        }
        out.append("dynakv_requests_seconds_count{" + labels + "} " + count + "\n");
        out.append("dynakv_requests_seconds_sum{" + labels + "} " + count * 0.002 + "\n");
      }
    }
    out.append("# TYPE jvm_threads_live_threads gauge\njvm_threads_live_threads 42.0\n");
    return out.toString();
  }
}
