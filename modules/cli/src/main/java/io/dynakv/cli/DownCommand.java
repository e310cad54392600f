package io.dynakv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv down NODE}: forced removal of a member that is gone for good. */
@Command(
    name = "down",
    header = "Removes a node that is gone for good.",
    description = {
      "Removes NODE for good (POST /v1/cluster/down/NODE, sent to --node): marks it down in Akka Cluster and takes it out of the ring, so its partitions are rebuilt on the other members from the surviving replicas. Only for a node that will not come back; watch the rebuild with `dynakv handoff`.",
      "Refused (exit 1) if NODE is reachable or unknown."
    })
final class DownCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(index = "0", paramLabel = "NODE", description = "The node id, e.g. node-3.")
  private String member;

  @Override
  public Integer call() {
    return AdminAnswer.print(cli, cli.node().post("/v1/cluster/down/" + PathSegment.encode(member)), "accepted");
  }
}
