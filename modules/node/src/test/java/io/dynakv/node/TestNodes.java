package io.dynakv.node;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.file.Path;
import java.time.Duration;

/** Starts real single-node actor systems (their store in a temp dir) for tests. */
public final class TestNodes {

  private TestNodes() {}

  public static Config config(Path dataDir, String extra) {
    return NodeConfig.load(
        ConfigFactory.parseString(extra == null ? "" : extra)
        .withFallback(
            ConfigFactory.parseString(
                "dynakv.node.data-dir = \"" + dataDir.toAbsolutePath() + "\"\n"
                    + "akka.remote.artery.canonical.hostname = \"127.0.0.1\"\n"
                    + "akka.remote.artery.canonical.port = 0\n"
                    + "dynakv.ring.partitions = 16\n"
                    + "dynakv.defaults { n = 1, r = 1, w = 1 }\n"
                    + "dynakv.ring.claim-settle = 300ms\n"
                    + "dynakv.ring.gossip-interval = 200ms\n"
                    + "akka.loglevel = WARNING\n")));
  }

  /**
   * The config line that admits {@code nodes} to the ring ({@code dynakv.cluster.admitted-nodes}).
   * A single node needs none (a fresh cluster's first ring holds the claimant's own node); a
   * test that starts several lists them all, as an operator would, or admits one at runtime.
   */
  public static String admitted(String... nodes) {
    return "dynakv.cluster.admitted-nodes = [\"" + String.join("\", \"", nodes) + "\"]\n";
  }

  public record Started(ActorSystem<DynakvNode.Command> system, DynakvNode.NodeHandle handle) {
    public void stop() {
      system.terminate();
      system.getWhenTerminated().toCompletableFuture().join();
    }
  }

  public static Started start(Config config) throws Exception {
    return start(config, true);
  }

  /** {@code awaitRing}: wait until the node has adopted a ring before returning. */
  public static Started start(Config config, boolean awaitRing) throws Exception {
    NodeSettings settings = NodeSettings.create(config);
    ActorSystem<DynakvNode.Command> system =
        ActorSystem.create(DynakvNode.create(settings), "dynakv", config);
    io.dynakv.node.storage.NodeStorage.get(system).claimFor(settings.nodeId());
    DynakvNode.NodeHandle handle =
        AskPattern.<DynakvNode.Command, DynakvNode.NodeHandle>ask(
                system, DynakvNode.GetHandle::new, Duration.ofSeconds(10), system.scheduler())
            .toCompletableFuture()
            .get();
    if (!awaitRing) {
      return new Started(system, handle);
    }
    // Ready once the claimant has made the first ring and this node adopted it.
    AskPattern.<io.dynakv.node.ring.RingManager.Command, io.dynakv.core.ring.Ring>ask(
            handle.ring(),
            io.dynakv.node.ring.RingManager.GetRing::new,
            Duration.ofSeconds(30),
            system.scheduler())
        .toCompletableFuture()
        .get();
    return new Started(system, handle);
  }
}
