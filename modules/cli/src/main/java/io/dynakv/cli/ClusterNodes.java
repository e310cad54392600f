package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import picocli.CommandLine.Option;

/**
 * The HTTP addresses of the nodes to watch together, when the operator names them ({@code
 * --nodes}, else {@code DYNAKV_NODES}); otherwise a command asks --node for the members'
 * announced addresses ({@code GET /v1/members}, field {@code http}).
 */
final class ClusterNodes {

  @Option(
      names = "--nodes",
      split = ",",
      paramLabel = "URL",
      defaultValue = "${env:DYNAKV_NODES}",
      converter = NodeUrlConverter.class,
      description =
          "The nodes to cover, comma-separated or repeated (default: $DYNAKV_NODES, else --node and the members it lists).")
  private List<URI> nodes;

  /** The nodes given, without repeats, or {@code node} alone. */
  List<URI> orElse(URI node) {
    if (nodes == null || nodes.isEmpty()) {
      return List.of(node);
    }
    return new ArrayList<>(new LinkedHashSet<>(nodes));
  }

  /**
   * {@code node} and every member it lists with an HTTP address ({@code GET /v1/members}),
   * whose status says it runs; {@code previous} if the node does not answer that (an older
   * node). Asked again at each poll, so a node that joins meanwhile is covered too.
   */
  static List<URI> discover(NodeClient client, URI node, List<URI> previous) {
    try {
      JsonNode members = client.get("/v1/members").successJson().path("members");
      Set<URI> urls = new LinkedHashSet<>();
      urls.add(node);
      for (JsonNode m : members) {
        String status = m.path("status").asText();
        boolean running =
            status.equals("Up") || status.equals("WeaklyUp") || status.equals("Joining") || status.equals("Leaving");
        if (running && m.path("http").isTextual()) {
          urls.add(NodeUrlConverter.parse(m.path("http").asText()));
        }
      }
      return new ArrayList<>(urls);
    } catch (CliFailure | IllegalArgumentException e) {
      return previous;
    }
  }

  boolean given() {
    return nodes != null && !nodes.isEmpty();
  }
}
