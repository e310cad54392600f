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
 * node lists every node as a seed, node 1 first, and node-1..node-N as admitted to the ring
 * ({@code dynakv.cluster.admitted-nodes}, unless the test's properties set it). A node added
 * later is admitted through the API ({@link #addNode}) or left waiting for admission ({@link
 * #addUnadmittedNode}). {@link #close()} kills whatever is still running (paused nodes too), so
 * no test leaves a process behind.
 */
public final class LocalCluster implements AutoCloseable {

  /** Given element by element: -Ddynakv.cluster.admitted-nodes.0=node-1 ... */
  public static final String ADMITTED = "dynakv.cluster.admitted-nodes";

  private final List<NodeProcess> nodes = new ArrayList<>();
  private Path root;
  private List<String> seeds;
  private Map<String, String> props;
  private boolean distinctIps;
  /** Where make-certs.sh wrote the nodes' TLS stores (one CA); null: the nodes talk plain TCP. */
  private Path tlsCerts;

  private LocalCluster() {}

  /**
   * Starts one more node, {@code node-(size+1)}, through the same seeds, and admits it to the
   * ring as an operator would ({@code POST /v1/cluster/admit/node-(size+1)} to a running node):
   * its share of partitions starts moving to it.
   */
  public NodeProcess addNode() throws Exception {
    NodeProcess node = addUnadmittedNode();
    admit(node.nodeId());
    return node;
  }

  /**
   * Starts one more node, {@code node-(size+1)}, through the same seeds and waits until it is
   * ready; it is connected but gets no partitions until admitted ({@link #admit}).
   */
  public NodeProcess addUnadmittedNode() throws Exception {
    int i = nodes.size() + 1;
    if (tlsCerts != null) {
      NodeCertificates.make(tlsCerts, "node-" + i);
    }
    NodeProcess node =
        new NodeProcess(
            "node-" + i,
            hostOf(i),
            root.resolve("node-" + i),
            NodeProcess.freePort(),
            NodeProcess.freePort(),
            seeds,
            propertiesOf("node-" + i));
    nodes.add(node);
    node.start();
    node.awaitReady(Duration.ofSeconds(90));
    return node;
  }

  /**
   * Admits {@code nodeId} through the first running node other than it, retrying while the
   * claimant has not yet heard of the node (409 "not connected").
   */
  public void admit(String nodeId) {
    org.awaitility.Awaitility.await("admission of " + nodeId)
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(500))
        .ignoreExceptions()
        .until(
            () -> {
              NodeProcess via =
                  nodes.stream()
                      .filter(n -> n.isAlive() && !n.nodeId().equals(nodeId))
                      .findFirst()
                      .orElseThrow();
              return Http.post(via.uri("/v1/cluster/admit/" + nodeId)).status() == 202;
            });
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

  /**
   * Nodes with mutual TLS between them: deploy/make-certs.sh makes a CA and the nodes' stores
   * in {@code root/tls} ({@link #tlsCerts()}).
   */
  public static LocalCluster startWithTls(int size, Path root, Map<String, String> properties)
      throws Exception {
    Path certs = root.resolve("tls");
    List<String> ids = new ArrayList<>();
    for (int i = 1; i <= size; i++) {
      ids.add("node-" + i);
    }
    NodeCertificates.make(certs, ids.toArray(String[]::new));
    return start(size, root, properties, false, certs);
  }

  private static LocalCluster start(
      int size, Path root, Map<String, String> properties, boolean distinctIps) throws Exception {
    return start(size, root, properties, distinctIps, null);
  }

  private static LocalCluster start(
      int size, Path root, Map<String, String> properties, boolean distinctIps, Path tlsCerts)
      throws Exception {
    LocalCluster cluster = new LocalCluster();
    cluster.distinctIps = distinctIps;
    cluster.tlsCerts = tlsCerts;
    Map<String, String> props = new HashMap<>();
    props.put("dynakv.ring.claim-settle", "2s");
    if (properties.keySet().stream().noneMatch(k -> k.startsWith(ADMITTED))) {
      for (int i = 1; i <= size; i++) {
        props.put(ADMITTED + "." + (i - 1), "node-" + i);
      }
    }
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
                cluster.propertiesOf("node-" + i));
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

  /** The directory of the nodes' TLS stores and their CA, or null without TLS. */
  public Path tlsCerts() {
    return tlsCerts;
  }

  private Map<String, String> propertiesOf(String nodeId) {
    if (tlsCerts == null) {
      return props;
    }
    Map<String, String> all = new HashMap<>(props);
    all.putAll(NodeCertificates.properties(tlsCerts, nodeId));
    return all;
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
