package io.dynakv.node.metrics;

import io.dynakv.core.ring.Ring;
import io.dynakv.node.antientropy.AntiEntropy;
import io.dynakv.node.handoff.Handoff;
import io.dynakv.node.replica.ReplicaHost;
import io.dynakv.node.tombstone.TombstoneReaper;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The state the node's actors already keep for {@code /v1/status}: the ring, what the replicas
 * hold, handoff's and anti-entropy's progress, tombstone reaping. Whoever serves the metrics
 * asks the actors for it (as {@code /v1/status} does) and hands the answers in here just before
 * the registry is read; an answer that did not come leaves the previous one. Gauges are NaN
 * until a first answer, counters 0.
 */
public final class StatusGauges {

  /** The kinds of {@link Handoff.Transfer}. */
  private static final List<String> HANDOFF_KINDS = List.of("hinted", "transfer", "ownership");

  /** Handoff's answer, summed by kind once when it arrives. */
  private record HandoffTotals(Handoff.Pending pending, long[] transfers, long[] objects) {}

  private volatile ReplicaHost.HostStatus host;
  private volatile Ring ring;
  private volatile HandoffTotals handoff;
  private volatile AntiEntropy.Status antiEntropy;
  private volatile TombstoneReaper.Status reaper;

  StatusGauges(MeterRegistry registry, String nodeId) {
    gauge(registry, "dynakv.ring.epoch",
        "Epoch of the ring this node holds",
        s -> ringValue(s, r -> r.epoch()));
    gauge(registry, "dynakv.ring.in.transition",
        "1 while the ring is in transition (partitions moving), else 0",
        s -> ringValue(s, r -> r.inTransition() ? 1 : 0));
    gauge(registry, "dynakv.ring.members",
        "Members of the ring serving requests now (a joining node counts once the transition is done)",
        s -> ringValue(s, r -> r.members().size()));
    gauge(registry, "dynakv.ring.moving.partitions",
        "Partitions changing owner in the current transition",
        s -> ringValue(s, r -> r.movingPartitions().size()));
    gauge(registry, "dynakv.ring.owned.partitions",
        "Partitions this node is the first owner of",
        s -> ringValue(s, r -> r.partitionsOwnedBy(nodeId).size()));

    String replicas = "Partition replicas hosted here: owned ones, and fallbacks holding hints for another node";
    gauge(registry, "dynakv.replicas", replicas, List.of("kind", "owned"),
        s -> hostValue(s, h -> h.ownedPartitions()));
    gauge(registry, "dynakv.replicas", replicas, List.of("kind", "fallback"),
        s -> hostValue(s, h -> h.fallbackPartitions()));
    gauge(registry, "dynakv.storage.objects",
        "Objects held by this node's replicas (tombstones and hinted ones included)",
        s -> hostValue(s, h -> h.objects()));
    gauge(registry, "dynakv.storage.hinted.objects",
        "Objects held for another node (hints to hand off)",
        s -> hostValue(s, h -> h.hintedObjects()));
    Gauge.builder("dynakv.storage.data", this, s -> hostValue(s, h -> h.bytes()))
        .description("Encoded size of the objects held by this node's replicas")
        .baseUnit("bytes")
        .strongReference(true)
        .register(registry);

    for (int i = 0; i < HANDOFF_KINDS.size(); i++) {
      int kind = i;
      List<String> tag = List.of("kind", HANDOFF_KINDS.get(i));
      gauge(registry, "dynakv.handoff.pending.transfers",
          "Moves (partition, destination) still to make, by kind", tag,
          s -> s.handoff == null ? Double.NaN : s.handoff.transfers()[kind]);
      gauge(registry, "dynakv.handoff.pending.objects",
          "Objects still to move, by kind", tag,
          s -> s.handoff == null ? Double.NaN : s.handoff.objects()[kind]);
    }
    gauge(registry, "dynakv.handoff.transfer.partitions.left",
        "Partitions this node still has to copy to their incoming replicas in the current transition",
        s -> s.handoff == null ? Double.NaN : s.handoff.pending().transfersLeft());
    counter(registry, "dynakv.handoff.objects.sent",
        "Objects sent by handoff (hints, transfers, ownership)",
        s -> s.handoff == null ? 0 : s.handoff.pending().objectsSent());

    counter(registry, "dynakv.anti.entropy.exchanges",
        "Completed anti-entropy exchanges started by this node",
        s -> s.antiEntropy == null ? 0 : s.antiEntropy.exchanges());
    counter(registry, "dynakv.anti.entropy.keys.repaired",
        "Keys synced by anti-entropy exchanges started by this node",
        s -> s.antiEntropy == null ? 0 : s.antiEntropy.keysRepaired());

    counter(registry, "dynakv.tombstones.reaped",
        "Tombstones removed by reaping rounds of this node",
        s -> s.reaper == null ? 0 : s.reaper.reaped());
    counter(registry, "dynakv.tombstone.reap.rounds",
        "Tombstone reaping rounds run by this node",
        s -> s.reaper == null ? 0 : s.reaper.rounds());
  }

  public void host(ReplicaHost.HostStatus status) {
    this.host = status;
  }

  public void ring(Ring ring) {
    this.ring = ring;
  }

  public void handoff(Handoff.Pending pending) {
    long[] transfers = new long[HANDOFF_KINDS.size()];
    long[] objects = new long[HANDOFF_KINDS.size()];
    for (Handoff.Transfer t : pending.pending()) {
      int kind = HANDOFF_KINDS.indexOf(t.kind());
      if (kind >= 0) {
        transfers[kind]++;
        objects[kind] += t.objects();
      }
    }
    this.handoff = new HandoffTotals(pending, transfers, objects);
  }

  public void antiEntropy(AntiEntropy.Status status) {
    this.antiEntropy = status;
  }

  public void reaper(TombstoneReaper.Status status) {
    this.reaper = status;
  }

  private static double ringValue(StatusGauges s, ToDoubleFunction<Ring> f) {
    Ring r = s.ring;
    return r == null ? Double.NaN : f.applyAsDouble(r);
  }

  private static double hostValue(StatusGauges s, ToDoubleFunction<ReplicaHost.HostStatus> f) {
    ReplicaHost.HostStatus h = s.host;
    return h == null ? Double.NaN : f.applyAsDouble(h);
  }

  private void gauge(MeterRegistry registry, String name, String help, ToDoubleFunction<StatusGauges> f) {
    gauge(registry, name, help, List.of(), f);
  }

  private void gauge(
      MeterRegistry registry, String name, String help, List<String> tags, ToDoubleFunction<StatusGauges> f) {
    Gauge.builder(name, this, f)
        .description(help)
        .tags(tags.toArray(new String[0]))
        .strongReference(true)
        .register(registry);
  }

  private void counter(MeterRegistry registry, String name, String help, ToDoubleFunction<StatusGauges> f) {
    FunctionCounter.builder(name, this, f).description(help).register(registry);
  }
}
