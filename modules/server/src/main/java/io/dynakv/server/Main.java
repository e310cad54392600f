package io.dynakv.server;

import akka.actor.typed.ActorSystem;
import akka.actor.typed.javadsl.AskPattern;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import io.dynakv.http.HttpServer;
import io.dynakv.http.HttpSettings;
import io.dynakv.node.ConfigValidation;
import io.dynakv.node.DynakvNode;
import io.dynakv.node.NodeConfig;
import io.dynakv.node.NodeSettings;
import io.dynakv.node.storage.NodeStorage;
import io.dynakv.node.storage.NodeStore;
import io.dynakv.node.tls.TlsSettings;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one dynakv node: loads the configuration, creates the journal schema, checks that the
 * journal is this node's (or records that it is, on the first start), starts the actor system
 * and the HTTP API. SIGTERM runs Akka's coordinated shutdown (unbind HTTP, leave the
 * cluster, stop the actors, close the journal), which loses nothing acknowledged: a write is
 * only acknowledged after its journal commit.
 */
public final class Main {

  /** The server's own defaults, between the operator's configuration and reference.conf. */
  private static final String SERVER_DEFAULTS = "dynakv-server.conf";

  private Main() {}

  public static void main(String[] args) {
    commonPoolOfAtLeastTwo();
    Config config;
    NodeSettings settings;
    LogSettings logSettings;
    HttpSettings httpSettings;
    try {
      config = NodeConfig.load(ConfigFactory.empty(), SERVER_DEFAULTS);
      LogSettings.validation(ConfigValidation.forNode())
          .requireValid(config, NodeConfig.defaults(SERVER_DEFAULTS));
      settings = NodeSettings.create(config);
      NodeStorage.settings(config);
      logSettings = LogSettings.create(config);
      // Reads the tokens file and the key store: a node that cannot use them must not start.
      httpSettings = HttpSettings.create(config);
    } catch (IllegalArgumentException | ConfigException e) {
      // No logger yet (its file lives in the dir the config names): one line, then exit.
      refuseConfiguration(e);
      return;
    }
    // Before the first logger exists: logback.xml reads these.
    logSettings.publish(settings.nodeId());
    Logger log = LoggerFactory.getLogger(Main.class);
    logNodeTls(log, config);
    try {
      java.nio.file.Files.createDirectories(settings.dataDir());
      refuseEarlierFormat(settings.dataDir());
      boolean wasMember;
      // Checked before the actor system opens the store for good (NodeStorage).
      try (NodeStore store = NodeStore.open(NodeStorage.directory(config), NodeStorage.settings(config))) {
        store.claimFor(settings.nodeId());
        wasMember = store.hasJournal("ring");
      }
      config = rejoining(config, wasMember);
      ActorSystem<DynakvNode.Command> system =
          ActorSystem.create(DynakvNode.create(settings), "dynakv", config);
      DynakvNode.NodeHandle handle =
          AskPattern.<DynakvNode.Command, DynakvNode.NodeHandle>ask(
                  system, DynakvNode.GetHandle::new, Duration.ofSeconds(30), system.scheduler())
              .toCompletableFuture()
              .get();
      String host = config.getString("dynakv.http.host");
      int port = config.getInt("dynakv.http.port");
      if (httpSettings.access().isEmpty()) {
        log.warn(
            "HTTP authentication is off (dynakv.security.http.auth): anyone who reaches {}:{}"
                + " may read, write and administer the cluster",
            host,
            port);
      }
      HttpServer.start(system, handle, host, port, httpSettings)
          .whenComplete(
              (binding, error) -> {
                if (error != null) {
                  log.error("cannot bind HTTP on {}:{}: {}", host, port, error.getMessage());
                  system.terminate();
                } else {
                  log.info(
                      "node {} serving HTTP on {} (data in {})",
                      settings.nodeId(),
                      binding.localAddress(),
                      settings.dataDir());
                }
              });
    } catch (ConfigException e) {
      // A setting Akka reads as it starts (akka.*): as unwelcome as one of ours.
      refuseConfiguration(e);
    } catch (Exception e) {
      log.error("node {} failed to start: {}", settings.nodeId(), e.getMessage(), e);
      System.err.println("dynakv: failed to start: " + e.getMessage());
      System.exit(1);
    }
  }

  /**
   * Whether node-to-node traffic is protected: a node without TLS cannot talk to one with it
   * (Akka then reports only a handshake timeout), so each says which it is.
   */
  private static void logNodeTls(Logger log, Config config) {
    if (TlsSettings.enabledIn(config)) {
      TlsSettings tls = TlsSettings.create(config);
      log.info(
          "node TLS on ({}, mutual authentication): key store {}, trust store {}",
          tls.protocol(),
          tls.keyStore(),
          tls.trustStore());
    } else {
      // INFO, not WARN: WARN lines go to stdout too, and a development cluster runs without TLS.
      log.info(
          "node TLS off (dynakv.security.tls.enabled): node-to-node traffic is unencrypted and"
              + " anyone who reaches the Artery port can join; nodes with TLS on will not answer this one");
    }
  }

  /** One line on stderr, no stack trace, exit code 2: the operator has a file to fix. */
  private static void refuseConfiguration(Exception e) {
    String reason = String.valueOf(e.getMessage()).replaceAll("\\s*\\R\\s*", " ");
    System.err.println("dynakv: invalid configuration: " + reason);
    System.exit(2);
  }

  /**
   * A node whose store holds a ring was a cluster member before: it gives the seeds
   * {@code dynakv.cluster.rejoin-seed-timeout} to answer before the first seed forms a cluster
   * of its own, instead of Akka's 5 s. A restarted node 1 on a busy machine otherwise formed a
   * second cluster next to the running one (found by ClockBoundTest).
   */
  private static Config rejoining(Config config, boolean wasMember) {
    if (!wasMember) {
      return config;
    }
    return config.withValue(
        "akka.cluster.seed-node-timeout", config.getValue("dynakv.cluster.rejoin-seed-timeout"));
  }

  /**
   * Data directories of versions before 0.2 hold an H2 journal, which this version does not
   * read: refuse to start rather than start empty beside it.
   */
  private static void refuseEarlierFormat(java.nio.file.Path dataDir) {
    if (java.nio.file.Files.exists(dataDir.resolve("journal.mv.db"))) {
      throw new IllegalStateException(
          dataDir.resolve("journal.mv.db") + " is an H2 journal of an earlier dynakv version, which this"
              + " version does not read; start the node on an empty data directory");
    }
  }

  /**
   * With a common pool of parallelism 1 (the JDK's default on a 2-core machine: cores - 1),
   * every async stage of a {@code CompletableFuture} runs on a thread of its own, and Akka's
   * Java API completes asks that way: thousands of thread starts a second under load. Set
   * before anything touches the pool; an explicit setting wins.
   */
  private static void commonPoolOfAtLeastTwo() {
    String key = "java.util.concurrent.ForkJoinPool.common.parallelism";
    if (System.getProperty(key) == null) {
      System.setProperty(key, Integer.toString(Math.max(2, Runtime.getRuntime().availableProcessors() - 1)));
    }
  }
}
