package io.dynakv.cli;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The HTTP addresses of the nodes to watch together ({@code --nodes}, else {@code
 * DYNAKV_NODES}, else --node alone). No endpoint lists the members' HTTP addresses (members
 * know each other by their Akka addresses), so the operator names them.
 */
final class ClusterNodes {

  @Option(
      names = "--nodes",
      split = ",",
      paramLabel = "URL",
      defaultValue = "${env:DYNAKV_NODES}",
      converter = NodeUrlConverter.class,
      description =
          "The nodes to cover, comma-separated or repeated (default: $DYNAKV_NODES, else --node alone).")
  private List<URI> nodes;

  /** The nodes given, without repeats, or {@code node} alone. */
  List<URI> orElse(URI node) {
    if (nodes == null || nodes.isEmpty()) {
      return List.of(node);
    }
    return new ArrayList<>(new LinkedHashSet<>(nodes));
  }

  boolean given() {
    return nodes != null && !nodes.isEmpty();
  }
}
