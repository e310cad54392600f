package io.dynakv.cli;


import java.io.PrintWriter;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code dynakv handoff}: watches data move between nodes (a join, a leave, hints) until
 * nothing is left: polls every node's /v1/ring and /v1/handoff and draws the progress.
 */
@Command(
    name = "handoff",
    header = "Watches transfers with progress and an ETA until done.",
    description = {
      "Watches transfers until they are done: polls GET /v1/ring and /v1/handoff of every node of --nodes (or $DYNAKV_NODES, else --node and every member it lists in GET /v1/members) and shows the partition copies done during a ring transition, then the objects still to hand off, the summed rate and an ETA.",
      "On a terminal the line is redrawn in place; otherwise one line per poll (with --json one JSON object per poll).",
      "Exits 0 once no node's ring is in transition and every node's pending list is empty; exit 5 if --timeout passes first. A node that stops answering after the first poll (one that left and exited) is shown and otherwise ignored."
    })
final class HandoffCommand implements Callable<Integer> {

  private static final Duration POLL_REQUEST_TIMEOUT = Duration.ofSeconds(5);

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Mixin private ClusterNodes cluster;

  @Option(names = "--once", description = "Print one snapshot and exit 0.")
  private boolean once;

  @Option(
      names = "--interval",
      paramLabel = "DURATION",
      defaultValue = "1s",
      converter = DurationConverter.class,
      description = "Time between polls (default: ${DEFAULT-VALUE}).")
  private Duration interval;

  @Option(
      names = "--quiet-for",
      paramLabel = "DURATION",
      converter = DurationConverter.class,
      description =
          "Exit only after nothing was pending for this long (default: at the first poll with"
              + " nothing pending). Right after a join the claimant waits a few seconds before it"
              + " starts the transition: --quiet-for 10s does not take that pause for the end.")
  private Duration quietFor;

  private int lastWidth;
  private String lastLine;

  @Override
  public Integer call() throws InterruptedException {
    List<URI> urls = cluster.orElse(cli.nodeUrl());
    long start = System.nanoTime();
    Duration timeout = cli.timeoutOption();
    long deadline = timeout == null ? Long.MAX_VALUE : start + timeout.toNanos();
    HandoffProgress progress = new HandoffProgress();
    long quietSince = -1;
    boolean first = true;
    while (true) {
      if (!cluster.given()) {
        urls = ClusterNodes.discover(cli.node(cli.nodeUrl(), POLL_REQUEST_TIMEOUT), cli.nodeUrl(), urls);
      }
      HandoffSnapshot snapshot = HandoffSnapshot.of(poll(urls, deadline, first));
      first = false;
      if (snapshot.reachable() == 0) {
        endLine();
        throw new CliFailure(
            ExitCode.UNREACHABLE, "no node answered: " + String.join(", ", snapshot.unreachable()));
      }
      HandoffProgress.View view = progress.update(snapshot);
      show(snapshot, view);
      long now = System.nanoTime();
      if (once) {
        endLine();
        return ExitCode.OK;
      }
      if (snapshot.done()) {
        quietSince = quietSince < 0 ? now : quietSince;
        if (quietFor == null || now - quietSince >= quietFor.toNanos()) {
          endLine();
          return ExitCode.OK;
        }
      } else {
        quietSince = -1;
      }
      if (now >= deadline) {
        endLine();
        throw new CliFailure(
            ExitCode.UNAVAILABLE,
            "handoff not done after " + NodeClient.seconds(timeout) + ": " + HandoffLine.text(snapshot, view));
      }
      long sleep = Math.min(interval.toNanos(), deadline - now);
      Thread.sleep(Math.max(1, sleep / 1_000_000));
    }
  }

  /**
   * Each node's ring and handoff. At the first poll every node must answer (a wrong URL is
   * not a cluster to watch); later, one that does not is reported and left out.
   */
  private List<NodeHandoff> poll(List<URI> urls, long deadline, boolean first) {
    List<NodeHandoff> nodes = new ArrayList<>();
    for (URI url : urls) {
      long left = deadline - System.nanoTime();
      Duration requestTimeout =
          left < POLL_REQUEST_TIMEOUT.toNanos()
              ? Duration.ofNanos(Math.max(left, 100_000_000L))
              : POLL_REQUEST_TIMEOUT;
      NodeClient client = cli.node(url, requestTimeout);
      try {
        nodes.add(
            NodeHandoff.answered(
                url, client.get("/v1/ring").successJson(), client.get("/v1/handoff").successJson()));
      } catch (CliFailure e) {
        if (first && url.equals(cli.nodeUrl())) {
          throw e;
        }
        nodes.add(NodeHandoff.unreachable(url, e.getMessage()));
      }
    }
    return nodes;
  }

  private void show(HandoffSnapshot snapshot, HandoffProgress.View view) {
    PrintWriter out = cli.terminal().out();
    if (cli.json()) {
      cli.printJson(HandoffLine.json(snapshot, view));
      return;
    }
    String line = HandoffLine.text(snapshot, view);
    if (!cli.terminal().interactive()) {
      // One line per poll, but not the same line again (e.g. while --quiet-for runs).
      if (!line.equals(lastLine)) {
        out.println(line);
      }
      lastLine = line;
      return;
    }
    out.print("\r" + line + " ".repeat(Math.max(0, lastWidth - line.length())));
    out.flush();
    lastWidth = line.length();
  }

  /** Ends a redrawn line so what follows starts on its own. */
  private void endLine() {
    if (lastWidth > 0) {
      cli.terminal().out().println();
      lastWidth = 0;
    }
  }
}
