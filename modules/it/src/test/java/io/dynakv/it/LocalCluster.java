package io.dynakv.it;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * N server JVMs on 127.0.0.1 (or, with {@link #startDistinct}, node i on 127.0.0.i), node i
 * named {@code node-i}, each with free ports and its own data dir under {@code root}; every
 * node lists every node as a seed, node 1 first. {@link #close()} kills whatever is still
 * running (paused nodes too), so no test leaves a process behind.
 */
public final class LocalCluster implements AutoCloseable {

  private final List<NodeProcess> nodes = new ArrayList<>();
  private Path root;
  private List<String> seeds;
  private Map<String, String> props;
  private boolean distinctIps;

  private LocalCluster() {}

  /** Starts one more node, {@code node-(size+1)}, which joins through the same seeds. */
  public NodeProcess addNode() throws Exception {
    int i = nodes.size() + 1;
    NodeProcess node =
        new NodeProcess(
            "node-" + i,
            hostOf(i),
            root.resolve("node-" + i),
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            seeds,
            props);
    nodes.add(node);
    node.start();
    node.awaitReady(Duration.ofSeconds(90));
    return node;
  }

  public static LocalCluster start(int size, Path root, Map<String, String> properties)
      throws Exception {
    return start(size, root, properties, false);
  }

  /** Node i listens on 127.0.0.i only, so {@link Network} can cut links between nodes. */
  public static LocalCluster startDistinct(int size, Path root, Map<String, String> properties)
      throws Exception {
    return start(size, root, properties, true);
  }

  private static LocalCluster start(
      int size, Path root, Map<String, String> properties, boolean distinctIps) throws Exception {
    LocalCluster cluster = new LocalCluster();
    cluster.distinctIps = distinctIps;
    Map<String, String> props = new HashMap<>();
    props.put("dynakv.ring.claim-settle", "2s");
    props.putAll(properties);
    cluster.root = root;
    cluster.props = props;
    // Every node lists every node as a seed, node 1 first (as the launcher does): a restarted
    // node 1 then joins the others instead of forming a cluster of its own.
    List<Integer> akkaPorts = new ArrayList<>();
    List<String> seeds = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      int port = NodeProcess.freePort();
      akkaPorts.add(port);
      seeds.add("akka://dynakv@" + cluster.hostOf(i) + ":" + port);
    }
    cluster.seeds = List.copyOf(seeds);
    try {
      for (int i = 1; i <= size; i++) {
        NodeProcess node =
            new NodeProcess(
                "node-" + i,
                cluster.hostOf(i),
                root.resolve("node-" + i),
                NodeProcess.freePort(),
                akkaPorts.get(i - 1),
                cluster.seeds,
                props);
        cluster.nodes.add(node);
        node.start();
      }
      for (NodeProcess node : cluster.nodes) {
        node.awaitReady(Duration.ofSeconds(90));
      }
    } catch (Exception e) {
      cluster.close();
      throw e;
    }
    return cluster;
  }

  private String hostOf(int i) {
    return distinctIps ? "127.0.0." + i : "127.0.0.1";
  }

  /** Node i, counting from 1 as the node ids do. */
  public NodeProcess node(int i) {
    return nodes.get(i - 1);
  }

  public List<NodeProcess> nodes() {
    return List.copyOf(nodes);
  }

  @Override
  public void close() {
    for (NodeProcess node : nodes) {
      try {
        node.kill();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
