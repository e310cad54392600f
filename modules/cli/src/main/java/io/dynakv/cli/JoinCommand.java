package io.dynakv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv join}: asks --node to (re)join the ring. */
@Command(
    name = "join",
    header = "Asks --node to join the ring.",
    description = {
      "Asks the node given by --node to join the ring (POST /v1/cluster/join), e.g. a node that left before. A new node joins by itself. Watch its data arrive with `dynakv handoff`."
    })
final class JoinCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Override
  public Integer call() {
    return AdminAnswer.print(cli, cli.node().post("/v1/cluster/join"), "accepted");
  }
}
