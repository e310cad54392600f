package io.dynakv.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv repair}: starts an anti-entropy round on --node now. */
@Command(
    name = "repair",
    header = "Starts an anti-entropy round now.",
    description = {
      "Starts an anti-entropy round on the node now (POST /v1/anti-entropy), or for one partition only with --partition. Repairs show up as antiEntropy.keysRepaired in `dynakv status`.",
      "Refused (exit 1) while a round runs."
    })
final class RepairCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Option(names = "--partition", paramLabel = "P", description = "Only this partition (0 to partitions-1).")
  private Integer partition;

  @Override
  public Integer call() {
    String path = "/v1/anti-entropy" + (partition == null ? "" : "?partition=" + partition);
    return AdminAnswer.print(cli, cli.node().post(path), "started");
  }
}
