package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv members}: the cluster's members as the node's Akka Cluster sees them. */
@Command(
    name = "members",
    header = "Lists the cluster members and their reachability.",
    description = {
      "Lists the members as the node sees them (GET /v1/members): node, Akka address, Akka member status (Joining, WeaklyUp, Up, Leaving, Exiting, Down, Removed; Absent for a ring member Akka does not know), whether the node's failure detector reaches it, and whether it is in the ring (\"not admitted\": connected, but it gets no partitions until admitted with `dynakv join NODE`)."
    })
final class MembersCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Override
  public Integer call() {
    JsonNode members = cli.node().get("/v1/members").successJson();
    if (cli.json()) {
      cli.printJson(members);
    } else {
      describe(members).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }

  /** yes, no, or "not admitted" for a connected node an operator has yet to admit (dynakv join NODE). */
  private static String ring(JsonNode member) {
    if (member.path("ringMember").asBoolean()) {
      return "yes";
    }
    return member.path("admitted").asBoolean(true) ? "no" : "not admitted";
  }

  static List<String> describe(JsonNode body) {
    Table table = new Table("NODE", "ADDRESS", "STATUS", "REACHABLE", "RING");
    for (JsonNode m : body.path("members")) {
      table.row(
          Json.text(m, "node", "?"),
          Json.text(m, "address", "-"),
          Json.text(m, "status", "?"),
          m.path("reachable").asBoolean() ? "yes" : "NO",
          ring(m));
    }
    List<String> lines = new ArrayList<>();
    lines.add("as seen by " + Json.text(body, "node", "?"));
    lines.addAll(table.lines());
    return lines;
  }
}
