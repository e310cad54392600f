package io.dynakv.http;

import akka.http.javadsl.model.ContentTypes;
import akka.http.javadsl.model.HttpEntities;
import akka.http.javadsl.model.HttpEntity;
import akka.http.javadsl.model.HttpResponse;
import akka.http.javadsl.model.StatusCode;
import akka.http.javadsl.model.StatusCodes;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dynakv.core.BucketProps;
import io.dynakv.core.ring.PreferenceList;
import io.dynakv.core.ring.Ring;
import io.dynakv.node.admission.BackgroundBudget;
import io.dynakv.node.tombstone.TombstoneReaper;
import io.dynakv.core.ring.Target;
import io.dynakv.core.version.Value;
import io.dynakv.node.antientropy.AntiEntropy;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.cluster.MemberDirectory;
import java.util.Comparator;
import java.util.Set;
import java.util.TreeSet;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;

/**
 * The JSON bodies of the /v1 API (DESIGN section 8). Field names here are the contract that
 * clients and tests rely on: add fields freely, never rename one.
 */
final class JsonViews {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private JsonViews() {}

  static ObjectNode object() {
    return MAPPER.createObjectNode();
  }

  static HttpEntity.Strict entity(ObjectNode body) {
    try {
      return HttpEntities.create(ContentTypes.APPLICATION_JSON, MAPPER.writeValueAsBytes(body));
    } catch (JsonProcessingException e) {
      // A tree of plain nodes always serialises; this would be a bug in this class.
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  static HttpResponse response(StatusCode status, ObjectNode body) {
    return HttpResponse.create().withStatus(status).withEntity(entity(body));
  }

  static HttpResponse ok(ObjectNode body) {
    return response(StatusCodes.OK, body);
  }

  /** Every sibling of a key, tombstones included as {@code {"deleted":true,...}}. */
  static ObjectNode siblings(List<Value> values) {
    ObjectNode body = object();
    ArrayNode siblings = body.putArray("siblings");
    Base64.Encoder base64 = Base64.getEncoder();
    for (Value v : values) {
      ObjectNode sibling = siblings.addObject();
      if (v.deleted()) {
        sibling.put("deleted", true);
      } else {
        sibling.put("value", base64.encodeToString(v.bytes()));
        sibling.put("contentType", v.contentType());
      }
      sibling.put("lastModified", rfc3339(v.lastModified()));
    }
    return body;
  }

  static ObjectNode props(BucketProps props) {
    ObjectNode body = object();
    body.put("n", props.n());
    body.put("r", props.r());
    body.put("w", props.w());
    body.put("allow-siblings", props.allowSiblings());
    return body;
  }

  /**
   * Akka Cluster's members by node id, with the ring members that have no Akka member now
   * (a node that is stopped or was removed while still in the ring) as {@code Absent}.
   */
  /**
   * {@code admitted}: in the ring, or in this node's {@code dynakv.cluster.admitted-nodes} (a
   * listed id joins once membership settles); any other connected id waits for an operator.
   */
  static ObjectNode members(
      String self, List<MemberDirectory.Entry> entries, Ring ring, List<String> listed) {
    ObjectNode body = object();
    body.put("node", self);
    ArrayNode list = body.putArray("members");
    Set<String> seen = new TreeSet<>();
    entries.stream()
        .sorted(Comparator.comparing(MemberDirectory.Entry::node))
        .forEach(
            e -> {
              seen.add(e.node());
              ObjectNode m = list.addObject();
              m.put("node", e.node());
              m.put("address", e.address().toString());
              if (e.http() == null) {
                m.putNull("http");
              } else {
                m.put("http", e.http());
              }
              m.put("status", e.status());
              m.put("reachable", e.reachable() && e.active());
              m.put("ringMember", ring.isMember(e.node()));
              m.put("admitted", ring.isMember(e.node()) || listed.contains(e.node()));
            });
    Set<String> ringMembers = new TreeSet<>(ring.members());
    ringMembers.addAll(ring.nextMembers());
    for (String member : ringMembers) {
      if (!seen.contains(member)) {
        ObjectNode m = list.addObject();
        m.put("node", member);
        m.putNull("address");
        m.putNull("http");
        m.put("status", "Absent");
        m.put("reachable", false);
        m.put("ringMember", true);
        m.put("admitted", true);
      }
    }
    return body;
  }

  static ObjectNode ring(Ring ring) {
    ObjectNode body = object();
    body.put("epoch", ring.epoch());
    body.put("partitions", ring.partitions());
    ArrayNode members = body.putArray("members");
    ring.members().forEach(members::add);
    ArrayNode owners = body.putArray("owners");
    ring.owners().forEach(owners::add);
    if (ring.inTransition()) {
      ObjectNode next = body.putObject("transition");
      ArrayNode nextMembers = next.putArray("members");
      ring.nextMembers().forEach(nextMembers::add);
      ArrayNode nextOwners = next.putArray("owners");
      ring.nextOwners().forEach(nextOwners::add);
      next.put("movingPartitions", ring.movingPartitions().size());
      ArrayNode down = next.putArray("down");
      ring.down().forEach(down::add);
    } else {
      body.putNull("transition");
    }
    return body;
  }

  static ObjectNode preferenceList(PreferenceList list) {
    ObjectNode body = object();
    body.put("partition", list.partition());
    ArrayNode nodes = body.putArray("nodes");
    for (Target target : list.targets()) {
      ObjectNode node = nodes.addObject();
      node.put("node", target.node());
      node.put("primary", target.primary());
      if (target.hintFor() != null) {
        node.put("hintFor", target.hintFor());
      }
    }
    return body;
  }

  static ObjectNode status(
      ReplicaHost.HostStatus status,
      Ring ring,
      Handoff.Pending handoffPending,
      AntiEntropy.Status antiEntropy,
      TombstoneReaper.Status reaper,
      BackgroundBudget budget) {
    List<Handoff.Transfer> pending = handoffPending.pending();
    ObjectNode body = object();
    body.put("node", status.node());
    ObjectNode partitions = body.putObject("partitions");
    partitions.put("owned", status.ownedPartitions());
    partitions.put("fallback", status.fallbackPartitions());
    body.put("objects", status.objects());
    body.put("hintedObjects", status.hintedObjects());
    body.put("bytes", status.bytes());
    body.put("ringEpoch", ring.epoch());
    body.put("ringInTransition", ring.inTransition());
    ObjectNode handoff = body.putObject("handoff");
    handoff.put("pendingPartitions", pending.size());
    handoff.put("pendingObjects", pending.stream().mapToLong(Handoff.Transfer::objects).sum());
    handoff.put("transferPartitionsLeft", handoffPending.transfersLeft());
    handoff.put("objectsSent", handoffPending.objectsSent());
    handoff.put("objectsPerSecond", Math.round(handoffPending.objectsPerSecond() * 10) / 10.0);
    ObjectNode tombstones = body.putObject("tombstones");
    tombstones.put("reaped", reaper.reaped());
    tombstones.put("rounds", reaper.rounds());
    if (reaper.lastSkipped() == null) {
      tombstones.putNull("lastRoundSkipped");
    } else {
      tombstones.put("lastRoundSkipped", reaper.lastSkipped());
    }
    ObjectNode admission = body.putObject("admission");
    admission.put("backgroundShare", Math.round(budget.share() * 1000) / 1000.0);
    admission.put("foregroundP99Millis", Math.round(budget.lastP99Millis() * 100) / 100.0);
    admission.put("foregroundSamples", budget.lastSamples());
    ObjectNode ae = body.putObject("antiEntropy");
    ae.put("exchanges", antiEntropy.exchanges());
    ae.put("keysRepaired", antiEntropy.keysRepaired());
    ObjectNode last = ae.putObject("lastExchange");
    antiEntropy
        .lastExchange()
        .forEach(
            (partition, millis) ->
                last.put(Integer.toString(partition), Instant.ofEpochMilli(millis).toString()));
    return body;
  }

  static ObjectNode handoff(Handoff.Pending handoffPending) {
    ObjectNode body = object();
    ArrayNode list = body.putArray("pending");
    if (handoffPending.transitionEpoch() >= 0) {
      ObjectNode transition = body.putObject("transition");
      transition.put("epoch", handoffPending.transitionEpoch());
      transition.put("partitionsLeft", handoffPending.transfersLeft());
    } else {
      body.putNull("transition");
    }
    body.put("objectsSent", handoffPending.objectsSent());
    body.put("objectsPerSecond", Math.round(handoffPending.objectsPerSecond() * 10) / 10.0);
    for (Handoff.Transfer h : handoffPending.pending()) {
      ObjectNode entry = list.addObject();
      entry.put("partition", h.partition());
      entry.put("from", h.from());
      entry.put("to", h.to());
      entry.put("kind", h.kind());
      entry.put("objects", h.objects());
    }
    return body;
  }

  static ObjectNode health(String node) {
    ObjectNode body = object();
    body.put("status", "ok");
    body.put("node", node);
    return body;
  }

  static ObjectNode readiness(boolean ready) {
    ObjectNode body = object();
    body.put("status", ready ? "ready" : "not ready");
    return body;
  }

  static ObjectNode notReady(String detail) {
    ObjectNode body = readiness(false);
    body.put("detail", detail);
    return body;
  }

  /** Ready; {@code ringMember} false (with why) while an operator has not admitted the node. */
  static ObjectNode readiness(String self, Ring ring) {
    ObjectNode body = readiness(true);
    body.put("ringMember", ring.isMember(self));
    if (!ring.isMember(self)) {
      body.put(
          "detail",
          self
              + " is not in the ring: it coordinates requests but holds no partitions until"
              + " admitted (dynakv join "
              + self
              + ", or POST /v1/cluster/admit/"
              + self
              + " to any node)");
    }
    return body;
  }

  /** RFC 3339 in UTC, e.g. {@code 2024-05-01T12:00:00.123Z}. */
  static String rfc3339(long epochMillis) {
    return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(epochMillis));
  }
}
