package io.dynakv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv join [NODE]}: admits NODE to the ring, or asks --node to join it again. */
@Command(
    name = "join",
    header = "Admits NODE to the ring, or asks --node to join it again.",
    description = {
      "With NODE: admits that node id to the ring (POST /v1/cluster/admit/NODE, sent to --node, any member). A node that connects is not given partitions until admitted (or listed in dynakv.cluster.admitted-nodes); once admitted, its share of partitions moves to it. Refused (exit 1) if NODE is not connected to the cluster or is leaving it.",
      "Without NODE: asks the node given by --node to join the ring again after it left (POST /v1/cluster/join). A node that was never admitted cannot admit itself.",
      "Watch the data arrive with `dynakv handoff`."
    })
final class JoinCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "NODE",
      description = "The node id to admit, e.g. node-4.")
  private String member;

  @Override
  public Integer call() {
    String path = member == null ? "/v1/cluster/join" : "/v1/cluster/admit/" + PathSegment.encode(member);
    return AdminAnswer.print(cli, cli.node().post(path), "accepted");
  }
}
