package io.dynakv.http;

import static io.dynakv.http.RunningNode.json;
import static io.dynakv.http.RunningNode.text;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NodeRoutesTest {

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
  void everyAnswerCarriesTheRingEpochTheRingRouteShows() {
    long epoch = json(node.get("/v1/ring")).path("epoch").asLong();
    for (String path : new String[] {"/v1/health", "/v1/buckets/b/keys/nothing-here", "/v1/nowhere"}) {
      HttpResponse<byte[]> answer = node.get(path);
      assertThat(answer.headers().firstValue("X-Ring-Epoch")).as(path).hasValue(Long.toString(epoch));
    }
  }

  @Test
  void bucketPropsStartAsTheDefaultsAndMergeUpdates() {
    JsonNode defaults = json(node.get("/v1/buckets/tuned/props"));
    assertThat(defaults.path("n").asInt()).isEqualTo(1);
    assertThat(defaults.path("r").asInt()).isEqualTo(1);
    assertThat(defaults.path("w").asInt()).isEqualTo(1);
    assertThat(defaults.path("allow-siblings").asBoolean()).isTrue();

    HttpResponse<byte[]> put =
        node.send(
            "PUT",
            "/v1/buckets/tuned/props",
            "{\"allow-siblings\":false}".getBytes(StandardCharsets.UTF_8),
            Map.of("Content-Type", "application/json"));
    assertThat(put.statusCode()).as(text(put)).isEqualTo(200);
    JsonNode updated = json(put);
    assertThat(updated.path("n").asInt()).isEqualTo(1);
    assertThat(updated.path("allow-siblings").asBoolean()).isFalse();

    JsonNode read = json(node.get("/v1/buckets/tuned/props"));
    assertThat(read).isEqualTo(updated);
    assertThat(json(node.get("/v1/buckets/other/props")).path("allow-siblings").asBoolean())
        .isTrue();
  }

  @Test
  void aBucketWithoutSiblingsKeepsTheLastWrite() {
    byte[] props = "{\"allow-siblings\":false}".getBytes(StandardCharsets.UTF_8);
    assertThat(node.send("PUT", "/v1/buckets/lww/props", props, Map.of()).statusCode()).isEqualTo(200);
    String path = "/v1/buckets/lww/keys/k";
    assertThat(node.send("PUT", path, "one".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode()).isEqualTo(204);
    assertThat(node.send("PUT", path, "two".getBytes(StandardCharsets.UTF_8), Map.of()).statusCode()).isEqualTo(204);
    HttpResponse<byte[]> get = node.get(path);
    assertThat(get.statusCode()).as(text(get)).isEqualTo(200);
    assertThat(text(get)).isEqualTo("two");
  }

  @Test
  void aQuorumLargerThanTheClusterIs503SayingHowManyAcksArrived() {
    byte[] props = "{\"n\":3,\"r\":2,\"w\":2}".getBytes(StandardCharsets.UTF_8);
    assertThat(node.send("PUT", "/v1/buckets/wide/props", props, Map.of()).statusCode()).isEqualTo(200);

    HttpResponse<byte[]> put =
        node.send("PUT", "/v1/buckets/wide/keys/k?timeout=1000", new byte[] {1}, Map.of());
    assertThat(put.statusCode()).as(text(put)).isEqualTo(503);
    JsonNode error = json(put);
    assertThat(error.path("error").asText()).isEqualTo("quorum not met");
    assertThat(error.path("required").asInt()).isEqualTo(2);
    assertThat(error.path("acks").asInt()).isLessThan(2);
    assertThat(error.has("detail")).isTrue();

    HttpResponse<byte[]> get = node.get("/v1/buckets/wide/keys/k?timeout=1000");
    assertThat(get.statusCode()).as(text(get)).isEqualTo(503);
    assertThat(json(get).path("required").asInt()).isEqualTo(2);
  }

  @Test
  void ringListsEpochPartitionsMembersAndOwners() {
    JsonNode ring = json(node.get("/v1/ring"));
    assertThat(ring.path("epoch").asLong()).isPositive();
    assertThat(ring.path("partitions").asInt()).isEqualTo(16);
    assertThat(ring.path("members")).hasSize(1);
    assertThat(ring.path("members").get(0).asText()).isEqualTo("node-1");
    assertThat(ring.path("owners")).hasSize(16);
    ring.path("owners").forEach(owner -> assertThat(owner.asText()).isEqualTo("node-1"));
    assertThat(ring.path("transition").isNull()).as("a settled ring").isTrue();
  }

  @Test
  void preferenceListNamesThePartitionAndItsNodes() {
    JsonNode list = json(node.get("/v1/preflist/fruit/apple"));
    assertThat(list.path("partition").asInt()).isBetween(0, 15);
    assertThat(list.path("nodes")).hasSize(1);
    JsonNode first = list.path("nodes").get(0);
    assertThat(first.path("node").asText()).isEqualTo("node-1");
    assertThat(first.path("primary").asBoolean()).isTrue();
    assertThat(first.has("hintFor")).isFalse();
  }

  @Test
  void statusCountsWhatThisNodeHolds() {
    node.send("PUT", "/v1/buckets/s/keys/one", new byte[10], Map.of());
    JsonNode status = json(node.get("/v1/status"));
    assertThat(status.path("node").asText()).isEqualTo("node-1");
    assertThat(status.path("partitions").path("owned").asInt()).isEqualTo(16);
    assertThat(status.path("partitions").path("fallback").asInt()).isZero();
    assertThat(status.path("objects").asLong()).isGreaterThanOrEqualTo(1);
    assertThat(status.path("hintedObjects").asLong()).isZero();
    assertThat(status.has("bytes")).isTrue();
    assertThat(status.path("ringEpoch").asLong()).isPositive();
    assertThat(status.path("ringInTransition").asBoolean()).isFalse();
    assertThat(status.path("handoff").path("transferPartitionsLeft").asInt()).isZero();
    assertThat(status.path("tombstones").has("reaped")).isTrue();
    assertThat(status.path("admission").path("backgroundShare").asDouble()).isBetween(0.0, 1.0);
  }

  @Test
  void antiEntropyRoundsCanBeStartedOnDemand() {
    HttpResponse<byte[]> first = node.send("POST", "/v1/anti-entropy", new byte[0], Map.of());
    assertThat(first.statusCode()).as(text(first)).isIn(202, 409);
    assertThat(json(first).has("detail")).isTrue();
    assertThat(node.send("GET", "/v1/anti-entropy", new byte[0], Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void healthReadyAndHandoffAnswer() {
    HttpResponse<byte[]> health = node.get("/v1/health");
    assertThat(health.statusCode()).isEqualTo(200);
    assertThat(json(health).path("status").asText()).isEqualTo("ok");
    assertThat(json(health).path("node").asText()).isEqualTo("node-1");

    HttpResponse<byte[]> ready = node.get("/v1/ready");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(json(ready).path("status").asText()).isEqualTo("ready");
    assertThat(json(ready).path("ringMember").asBoolean()).isTrue();

    JsonNode handoff = json(node.get("/v1/handoff"));
    assertThat(handoff.path("pending").isArray()).isTrue();
    assertThat(handoff.path("pending")).isEmpty();
    assertThat(handoff.path("transition").isNull()).isTrue();
    assertThat(handoff.has("objectsSent")).isTrue();
  }

  @Test
  void membersListsThisNodeAsAnUpReachableRingMember() {
    HttpResponse<byte[]> answer = node.get("/v1/members");
    assertThat(answer.statusCode()).as(text(answer)).isEqualTo(200);
    JsonNode body = json(answer);
    assertThat(body.path("node").asText()).isEqualTo("node-1");
    assertThat(body.path("members")).hasSize(1);
    JsonNode self = body.path("members").get(0);
    assertThat(self.path("node").asText()).isEqualTo("node-1");
    assertThat(self.path("status").asText()).isEqualTo("Up");
    assertThat(self.path("reachable").asBoolean()).isTrue();
    assertThat(self.path("ringMember").asBoolean()).isTrue();
    assertThat(self.path("admitted").asBoolean()).isTrue();
    assertThat(self.path("address").asText()).startsWith("akka://dynakv@");
    // The configured address (this test binds a free port instead of dynakv.http.port).
    assertThat(self.path("http").asText()).isEqualTo("http://127.0.0.1:8081");
  }

  @Test
  void downRefusesItselfUnknownNodesAndBadIds() {
    HttpResponse<byte[]> self = node.send("POST", "/v1/cluster/down/node-1", new byte[0], Map.of());
    assertThat(self.statusCode()).as(text(self)).isEqualTo(409);
    assertThat(json(self).path("accepted").asBoolean()).isFalse();
    HttpResponse<byte[]> unknown = node.send("POST", "/v1/cluster/down/node-7", new byte[0], Map.of());
    assertThat(unknown.statusCode()).as(text(unknown)).isEqualTo(409);
    assertThat(json(unknown).path("detail").asText()).contains("not a member");
    HttpResponse<byte[]> bad = node.send("POST", "/v1/cluster/down/n%20x", new byte[0], Map.of());
    assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).isNotEmpty();
    assertThat(node.send("GET", "/v1/cluster/down/node-7", new byte[0], Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void admitAcceptsAMemberRefusesAnIdThatIsNotConnectedAndChecksTheId() {
    HttpResponse<byte[]> member = node.send("POST", "/v1/cluster/admit/node-1", new byte[0], Map.of());
    assertThat(member.statusCode()).as(text(member)).isEqualTo(202);
    assertThat(json(member).path("accepted").asBoolean()).isTrue();
    assertThat(json(member).path("detail").asText()).contains("already in the ring");
    HttpResponse<byte[]> absent = node.send("POST", "/v1/cluster/admit/node-7", new byte[0], Map.of());
    assertThat(absent.statusCode()).as(text(absent)).isEqualTo(409);
    assertThat(json(absent).path("error").asText()).isEqualTo("refused");
    assertThat(json(absent).path("detail").asText()).contains("not connected");
    HttpResponse<byte[]> bad = node.send("POST", "/v1/cluster/admit/n%20x", new byte[0], Map.of());
    assertThat(bad.statusCode()).as(text(bad)).isEqualTo(400);
    assertThat(json(bad).path("error").asText()).isNotEmpty();
    assertThat(node.send("GET", "/v1/cluster/admit/node-7", new byte[0], Map.of()).statusCode()).isEqualTo(405);
  }

  @Test
  void antiEntropyOfOnePartitionChecksThePartition() {
    for (String bad : new String[] {"-1", "4096", "x", ""}) {
      HttpResponse<byte[]> answer =
          node.send("POST", "/v1/anti-entropy?partition=" + bad, new byte[0], Map.of());
      assertThat(answer.statusCode()).as(bad + ": " + text(answer)).isEqualTo(400);
      assertThat(json(answer).path("detail").asText()).contains("partition");
    }
    HttpResponse<byte[]> one = node.send("POST", "/v1/anti-entropy?partition=3", new byte[0], Map.of());
    assertThat(one.statusCode()).as(text(one)).isIn(202, 409);
    assertThat(json(one).has("detail")).isTrue();
  }
}
