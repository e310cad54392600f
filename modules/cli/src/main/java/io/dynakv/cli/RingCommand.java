package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv ring}: the node's ring (GET /v1/ring), partitions per member, and a transition. */
@Command(
    name = "ring",
    header = "Shows the ring: epoch, partitions per member, a transition.",
    description = {
      "Shows the node's ring (GET /v1/ring): its epoch, each member with the partitions it owns and, during a join or leave, the partitions each member will own and how many change owner."
    })
final class RingCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Override
  public Integer call() {
    JsonNode ring = cli.node().get("/v1/ring").successJson();
    if (cli.json()) {
      cli.printJson(ring);
    } else {
      describe(ring).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }

  static List<String> describe(JsonNode ring) {
    JsonNode transition = ring.path("transition");
    boolean moving = transition.isObject();
    List<String> lines = new ArrayList<>();
    lines.add(
        "epoch "
            + ring.path("epoch").asLong()
            + ", "
            + ring.path("partitions").asInt()
            + " partitions, "
            + (moving
                ? "in transition: " + transition.path("movingPartitions").asInt() + " partitions change owner"
                : "settled"));
    Map<String, Integer> now = counts(ring.path("members"), ring.path("owners"));
    if (!moving) {
      Table table = new Table("MEMBER", "PARTITIONS");
      now.forEach(table::row);
      lines.addAll(table.lines());
      return lines;
    }
    Map<String, Integer> next = counts(transition.path("members"), transition.path("owners"));
    Map<String, Integer> all = new LinkedHashMap<>(now);
    next.keySet().forEach(member -> all.putIfAbsent(member, 0));
    Table table = new Table("MEMBER", "NOW", "NEXT");
    all.keySet()
        .forEach(
            member ->
                table.row(
                    member,
                    now.containsKey(member) ? now.get(member) : "-",
                    next.containsKey(member) ? next.get(member) : "- (leaving)"));
    lines.addAll(table.lines());
    return lines;
  }

  /** Partitions owned per member, members in ring order (a member owning none shows 0). */
  static Map<String, Integer> counts(JsonNode members, JsonNode owners) {
    Map<String, Integer> counts = new LinkedHashMap<>();
    members.forEach(m -> counts.put(m.asText(), 0));
    owners.forEach(o -> counts.merge(o.asText(), 1, Integer::sum));
    return counts;
  }
}
