package io.dynakv.node;

import com.typesafe.config.Config;
import io.dynakv.core.BucketProps;
import io.dynakv.core.Limits;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * Everything a node reads from configuration, read once at start. Actors receive this object
 * (or a part of it) through their {@code create} method and never read config themselves.
 */
public record NodeSettings(
    String nodeId,
    Path dataDir,
    int partitions,
    int targetN,
    BucketProps defaultProps,
    Limits limits,
    Duration requestTimeout,
    Duration maxRequestTimeout,
    Duration readRepairWait,
    Duration claimSettle,
    Duration ringGossipInterval,
    List<String> admittedNodes,
    HandoffSettings handoff,
    AntiEntropySettings antiEntropy,
    AdmissionSettings admission,
    TombstoneSettings tombstones,
    Duration unsafePersistDelay) {

  /**
   * The admission controller: every {@code window}, when the p99 of foreground replica
   * operations exceeds {@code p99Threshold}, background work's share of its pace halves (down
   * to {@code minShare}); otherwise it grows back by {@code increaseStep}.
   */
  public record AdmissionSettings(
      boolean enabled,
      Duration window,
      Duration p99Threshold,
      double minShare,
      double increaseStep,
      long minSamples) {}

  /**
   * Reaping tombstones: every {@code interval}, a node asks all N replicas of the deleted keys
   * of the partitions it owns; a tombstone older than {@code grace} that every replica holds
   * identically, with every ring member reachable and no hinted data anywhere for that
   * partition, is removed from all of them. {@code grace} must exceed the longest request
   * deadline plus the handoff interval ({@link #create} refuses a config where it does not).
   */
  public record TombstoneSettings(boolean reap, Duration interval, Duration grace, int maxKeysPerRound) {}

  /** Background Merkle exchanges between the replicas of each partition. */
  public record AntiEntropySettings(
      boolean enabled, Duration interval, int concurrency, int maxKeysPerExchange, Duration stepTimeout) {}

  /** Moving data: hints home, and partitions to their new owners when the ring changes. */
  public record HandoffSettings(
      Duration interval,
      int batchSize,
      int maxObjectsPerSecond,
      int maxConcurrentTransfers,
      long maxHintedBytes,
      Duration ackTimeout) {}

  public static NodeSettings create(Config config) {
    Config c = config.getConfig("dynakv");
    BucketProps defaults =
        new BucketProps(
                c.getInt("defaults.n"),
                c.getInt("defaults.r"),
                c.getInt("defaults.w"),
                c.getBoolean("defaults.allow-siblings"))
            .validated();
    Limits limits =
        new Limits(
            c.getInt("limits.max-bucket-length"),
            (int) c.getBytes("limits.max-key-bytes").longValue(),
            (int) c.getBytes("limits.max-value-bytes").longValue(),
            c.getBytes("limits.max-object-bytes"));
    String nodeId = c.getString("node.id");
    if (!nodeId.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("dynakv.node.id must match [A-Za-z0-9_.-]{1,64}: " + nodeId);
    }
    requireGraceOutlastsHints(
        c.getDuration("tombstones.grace"),
        c.getDuration("request.max-timeout"),
        c.getDuration("handoff.interval"));
    return new NodeSettings(
        nodeId,
        Path.of(c.getString("node.data-dir")).toAbsolutePath(),
        c.getInt("ring.partitions"),
        c.getInt("ring.target-n"),
        defaults,
        limits,
        c.getDuration("request.timeout"),
        c.getDuration("request.max-timeout"),
        c.getDuration("request.read-repair-wait"),
        c.getDuration("ring.claim-settle"),
        c.getDuration("ring.gossip-interval"),
        List.copyOf(c.getStringList("cluster.admitted-nodes")),
        new HandoffSettings(
            c.getDuration("handoff.interval"),
            c.getInt("handoff.batch-size"),
            c.getInt("handoff.max-objects-per-second"),
            c.getInt("handoff.max-concurrent-transfers"),
            c.getBytes("handoff.max-hinted-bytes"),
            c.getDuration("handoff.ack-timeout")),
        new AntiEntropySettings(
            c.getBoolean("anti-entropy.enabled"),
            c.getDuration("anti-entropy.interval"),
            c.getInt("anti-entropy.concurrency"),
            c.getInt("anti-entropy.max-keys-per-exchange"),
            c.getDuration("anti-entropy.step-timeout")),
        new AdmissionSettings(
            c.getBoolean("admission.enabled"),
            c.getDuration("admission.window"),
            c.getDuration("admission.p99-threshold"),
            c.getDouble("admission.min-share"),
            c.getDouble("admission.increase-step"),
            c.getLong("admission.min-samples")),
        new TombstoneSettings(
            c.getBoolean("tombstones.reap"),
            c.getDuration("tombstones.interval"),
            c.getDuration("tombstones.grace"),
            c.getInt("tombstones.max-keys-per-round")),
        c.getDuration("testing.unsafe-persist-delay"));
  }

  /**
   * A stand-in can write a hint as late as the longest request deadline after the write began,
   * and handoff may notice it only one poll later: a tombstone reaped before both have passed
   * could be followed by that hint carrying the deleted value back.
   */
  private static void requireGraceOutlastsHints(
      Duration grace, Duration maxRequestTimeout, Duration handoffInterval) {
    if (grace.compareTo(maxRequestTimeout.plus(handoffInterval)) <= 0) {
      throw new IllegalArgumentException(
          "dynakv.tombstones.grace ("
              + shown(grace)
              + ") must be longer than dynakv.request.max-timeout ("
              + shown(maxRequestTimeout)
              + ") + dynakv.handoff.interval ("
              + shown(handoffInterval)
              + "), or a late hint could bring a reaped value back");
    }
  }

  private static String shown(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
  }

  /** The Akka Cluster role that carries a member's ring identity. */
  public static String roleFor(String nodeId) {
    return "dynakv-node:" + nodeId;
  }
}
