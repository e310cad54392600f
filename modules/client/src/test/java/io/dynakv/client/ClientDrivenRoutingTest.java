package io.dynakv.client;

import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.client.StubNode.Answer;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Three fake nodes that serve a ring; the client must send each key to its first owner. */
class ClientDrivenRoutingTest {

  private static final List<String> NAMES = List.of("a", "b", "c");
  private static final int PARTITIONS = 8;

  private final AtomicReference<String> ring = new AtomicReference<>();
  private final AtomicReference<String> members = new AtomicReference<>();
  private final AtomicLong epoch = new AtomicLong(5);
  private final List<StubNode> nodes = new ArrayList<>();
  private DynakvClient client;

  @AfterEach
  void close() {
    if (client != null) {
      client.close();
    }
    nodes.forEach(StubNode::close);
  }

  private void start(List<String> owners) {
    for (int i = 0; i < NAMES.size(); i++) {
      nodes.add(new StubNode(this::answer));
    }
    ring.set(ringJson(epoch.get(), owners));
    StringBuilder m = new StringBuilder("{\"node\":\"a\",\"members\":[");
    for (int i = 0; i < NAMES.size(); i++) {
      m.append(i == 0 ? "" : ",")
          .append("{\"node\":\"").append(NAMES.get(i)).append("\",\"http\":\"")
          .append(nodes.get(i).uri()).append("\",\"status\":\"Up\",\"reachable\":true,\"ringMember\":true}");
    }
    members.set(m.append("]}").toString());
  }

  private Answer answer(StubNode.Request r) {
    String e = Long.toString(epoch.get());
    if (r.path().equals("/v1/ring")) {
      return Answer.json(200, ring.get(), "X-Ring-Epoch", e);
    }
    if (r.path().equals("/v1/members")) {
      return Answer.json(200, members.get(), "X-Ring-Epoch", e);
    }
    if (r.path().endsWith("/props")) {
      return Answer.json(200, "{\"n\":2,\"r\":1,\"w\":1,\"allow-siblings\":true}", "X-Ring-Epoch", e);
    }
    return Answer.of(204, null, "X-Context", "c", "X-Ring-Epoch", e);
  }

  private static String ringJson(long epoch, List<String> owners) {
    return "{\"epoch\":" + epoch + ",\"partitions\":" + PARTITIONS
        + ",\"members\":[\"a\",\"b\",\"c\"],\"owners\":[\"" + String.join("\",\"", owners)
        + "\"],\"transition\":null}";
  }

  private static List<String> owners(String... cycle) {
    List<String> owners = new ArrayList<>();
    for (int p = 0; p < PARTITIONS; p++) {
      owners.add(cycle[p % cycle.length]);
    }
    return owners;
  }

  private StubNode ownerOf(List<String> owners, String key) {
    int partition = new Partitioning(PARTITIONS).partitionOf(new Key("bkt", key));
    return nodes.get(NAMES.indexOf(owners.get(partition)));
  }

  private List<StubNode.Request> keyWrites(StubNode node) {
    return node.requests.stream().filter(r -> r.method().equals("PUT")).toList();
  }

  @Test
  void eachWriteGoesToTheKeysFirstOwner() {
    List<String> owners = owners("a", "b", "c");
    start(owners);
    client =
        DynakvClient.builder().nodes(List.of(nodes.get(2).uri())).build();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.ringEpoch().isPresent());

    for (int i = 0; i < 30; i++) {
      String key = "key-" + i;
      StubNode owner = ownerOf(owners, key);
      int before = keyWrites(owner).size();
      client.put("bkt", key, Value.ofText("v"));
      assertThat(keyWrites(owner)).as(key).hasSize(before + 1);
    }
  }

  @Test
  void aNewerEpochInAnAnswerMakesTheClientFetchTheRingAgain() {
    List<String> first = owners("a", "b", "c");
    start(first);
    client =
        DynakvClient.builder()
            .nodes(List.of(nodes.get(0).uri()))
            .ringRefreshInterval(Duration.ofHours(1))
            .build();
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.ringEpoch().equals(java.util.Optional.of(5L)));

    List<String> second = owners("c");
    ring.set(ringJson(6, second));
    epoch.set(6);
    client.put("bkt", "any", Value.ofText("v"));
    Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> client.ringEpoch().equals(java.util.Optional.of(6L)));

    int before = keyWrites(nodes.get(2)).size();
    for (int i = 0; i < 10; i++) {
      client.put("bkt", "key-" + i, Value.ofText("v"));
    }
    assertThat(keyWrites(nodes.get(2))).hasSize(before + 10);
  }
}
