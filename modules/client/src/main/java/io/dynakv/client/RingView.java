package io.dynakv.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.dynakv.core.Key;
import io.dynakv.core.ring.Partitioning;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ring as a node described it ({@code GET /v1/ring}) and where each member serves HTTP
 * ({@code GET /v1/members}): enough to compute a key's preference list exactly as the nodes
 * do, with dynakv-core's own code.
 */
record RingView(Ring ring, Map<String, URI> httpByNode) {

  RingView {
    httpByNode = Map.copyOf(httpByNode);
  }

  long epoch() {
    return ring.epoch();
  }

  /**
   * The nodes to send a request for the key to, in the order of its walk round the ring: the
   * first {@code n} are its primaries, the rest the nodes a sloppy quorum falls back to.
   * Members without a known HTTP address are left out.
   */
  List<URI> nodesFor(String bucket, String key, int n) {
    int partition = new Partitioning(ring.partitions()).partitionOf(new Key(bucket, key));
    List<URI> nodes = new ArrayList<>();
    for (String node : PreferenceList.walk(ring, partition)) {
      URI uri = httpByNode.get(node);
      if (uri != null) {
        nodes.add(uri);
      }
    }
    return nodes;
  }

  /** Builds the view from the two JSON answers; throws if they are not what the nodes send. */
  static RingView parse(JsonNode ringJson, JsonNode membersJson) {
    List<String> members = strings(ringJson.path("members"));
    List<String> owners = strings(ringJson.path("owners"));
    JsonNode transition = ringJson.path("transition");
    List<String> nextMembers = members;
    List<String> nextOwners = owners;
    List<String> down = List.of();
    if (transition.isObject()) {
      nextMembers = strings(transition.path("members"));
      nextOwners = strings(transition.path("owners"));
      down = strings(transition.path("down"));
    }
    Ring ring =
        new Ring(
            ringJson.path("epoch").asLong(-1),
            ringJson.path("partitions").asInt(0),
            members,
            owners,
            nextMembers,
            nextOwners,
            down);
    Map<String, URI> http = new HashMap<>();
    for (JsonNode member : membersJson.path("members")) {
      String url = member.path("http").asText(null);
      if (url != null && !url.isBlank()) {
        http.put(member.path("node").asText(), URI.create(url));
      }
    }
    return new RingView(ring, http);
  }

  private static List<String> strings(JsonNode array) {
    if (!array.isArray()) {
      throw new IllegalArgumentException("expected an array, got " + array);
    }
    List<String> list = new ArrayList<>();
    array.forEach(e -> list.add(e.asText()));
    return list;
  }
}
