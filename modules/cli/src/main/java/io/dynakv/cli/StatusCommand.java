package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code dynakv status}: what a node holds and does (GET /v1/status), or every node's in a table. */
@Command(
    name = "status",
    header = "Summarizes a node's status, or every node's.",
    description = {
      "Summarizes the node's GET /v1/status: ring epoch, partitions, objects and bytes, handoff, anti-entropy, tombstones, admission.",
      "With --all or --nodes: one row per node of --nodes (or $DYNAKV_NODES), with exit 3 if one of them does not answer."
    })
final class StatusCommand implements Callable<Integer> {

  @Mixin private HelpOption help;

  @ParentCommand private DynakvCommand cli;

  @Mixin private ClusterNodes cluster;

  @Option(names = "--all", description = "One row per node of --nodes (or $DYNAKV_NODES, else every member --node lists).")
  private boolean all;

  @Override
  public Integer call() {
    if (cluster.given()) {
      return allNodes(cluster.orElse(cli.nodeUrl()));
    }
    if (all) {
      return allNodes(ClusterNodes.discover(cli.node(), cli.nodeUrl(), List.of(cli.nodeUrl())));
    }
    JsonNode status = cli.node().get("/v1/status").successJson();
    if (cli.json()) {
      cli.printJson(status);
    } else {
      describe(status).forEach(cli.terminal().out()::println);
    }
    return ExitCode.OK;
  }

  private int allNodes(List<URI> urls) {
    ArrayNode rows = Json.MAPPER.createArrayNode();
    List<CliFailure> failures = new ArrayList<>();
    for (URI url : urls) {
      ObjectNode row = rows.addObject();
      row.put("url", url.toString());
      try {
        row.set("status", cli.node(url, cli.requestTimeout()).get("/v1/status").successJson());
      } catch (CliFailure e) {
        String why = e.exitCode() == ExitCode.UNREACHABLE ? e.getMessage() : url + ": " + e.getMessage();
        row.put("error", why);
        failures.add(new CliFailure(e.exitCode(), why));
      }
    }
    if (cli.json()) {
      ObjectNode body = Json.object();
      body.set("nodes", rows);
      cli.printJson(body);
    } else {
      table(rows).lines().forEach(cli.terminal().out()::println);
    }
    if (!failures.isEmpty()) {
      String all = failures.stream().map(CliFailure::getMessage).collect(Collectors.joining("; "));
      throw new CliFailure(failures.get(0).exitCode(), all);
    }
    return ExitCode.OK;
  }

  /** One row per node; a node that did not answer shows why. */
  static Table table(ArrayNode rows) {
    Table table =
        new Table("NODE", "URL", "EPOCH", "OWNED", "FALLBACK", "OBJECTS", "SIZE", "HINTED", "HANDOFF", "AE-REPAIRED");
    for (JsonNode row : rows) {
      JsonNode s = row.get("status");
      if (s == null) {
        table.row("?", row.get("url").asText(), "-", "-", "-", "-", "-", "-", "-", "(no answer)");
        continue;
      }
      JsonNode handoff = s.path("handoff");
      table.row(
          Json.text(s, "node", "?"),
          row.get("url").asText(),
          Json.number(s, "ringEpoch") + (s.path("ringInTransition").asBoolean() ? "*" : ""),
          Json.number(s.path("partitions"), "owned"),
          Json.number(s.path("partitions"), "fallback"),
          Json.number(s, "objects"),
          Sizes.bytes(Json.number(s, "bytes")),
          Json.number(s, "hintedObjects"),
          Json.number(handoff, "pendingObjects") + " obj",
          Json.number(s.path("antiEntropy"), "keysRepaired"));
    }
    return table;
  }

  /** The text form of one node's status. */
  static List<String> describe(JsonNode s) {
    List<String> lines = new ArrayList<>();
    JsonNode partitions = s.path("partitions");
    JsonNode handoff = s.path("handoff");
    JsonNode ae = s.path("antiEntropy");
    JsonNode tombstones = s.path("tombstones");
    JsonNode admission = s.path("admission");
    lines.add(
        Json.text(s, "node", "?")
            + ": ring epoch "
            + Json.number(s, "ringEpoch")
            + (s.path("ringInTransition").asBoolean() ? " (in transition)" : " (settled)"));
    lines.add(
        String.format(
            Locale.ROOT,
            "  partitions    %d owned, %d fallback",
            Json.number(partitions, "owned"),
            Json.number(partitions, "fallback")));
    lines.add(
        String.format(
            Locale.ROOT,
            "  objects       %d (%s), %d hinted",
            Json.number(s, "objects"),
            Sizes.bytes(Json.number(s, "bytes")),
            Json.number(s, "hintedObjects")));
    lines.add(
        String.format(
            Locale.ROOT,
            "  handoff       %d pending (%d objects), %d transition copies left, %d objects sent, %s/s",
            Json.number(handoff, "pendingPartitions"),
            Json.number(handoff, "pendingObjects"),
            Json.number(handoff, "transferPartitionsLeft"),
            Json.number(handoff, "objectsSent"),
            Sizes.rate(Json.decimal(handoff, "objectsPerSecond"))));
    lines.add(
        String.format(
            Locale.ROOT,
            "  anti-entropy  %d exchanges, %d keys repaired, %d partitions exchanged",
            Json.number(ae, "exchanges"),
            Json.number(ae, "keysRepaired"),
            ae.path("lastExchange").size()));
    String skipped = Json.text(tombstones, "lastRoundSkipped", null);
    lines.add(
        String.format(
            Locale.ROOT,
            "  tombstones    %d reaped in %d rounds%s",
            Json.number(tombstones, "reaped"),
            Json.number(tombstones, "rounds"),
            skipped == null ? "" : " (last round skipped: " + skipped + ")"));
    lines.add(
        String.format(
            Locale.ROOT,
            "  admission     background share %s, foreground p99 %s ms",
            admission.path("backgroundShare").asText("?"),
            admission.path("foregroundP99Millis").asText("?")));
    return lines;
  }
}
