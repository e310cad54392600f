package io.dynakv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv leave NODE}: decommissions a member; its data moves before it exits. */
@Command(
    name = "leave",
    header = "Decommissions a node: its data moves, then it exits.",
    description = {
      "Decommissions NODE (POST /v1/cluster/leave/NODE, sent to --node): the ring moves its partitions to the other members, then NODE exits by itself. Watch it with `dynakv handoff`.",
      "Refused (exit 1) if NODE is not a member, is already leaving, or is the last member."
    })
final class LeaveCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "NODE", description = "The node id, e.g. node-2.")
  private String member;

  @Override
  public Integer call() {
    return AdminAnswer.print(cli, cli.node().post("/v1/cluster/leave/" + PathSegment.encode(member)), "accepted");
  }
}
