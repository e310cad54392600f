package io.dynakv.node.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

/**
 * What the get and put coordinators on this node count: replica acknowledgements received,
 * replicas repaired by read repair, writes sent to a stand-in with a hint, and puts that
 * arrived at a node outside the key's preference list and were forwarded (what client-driven
 * routing avoids).
 */
public final class QuorumMetrics {

  private final Counter getAcks;
  private final Counter putAcks;
  private final Counter readRepairs;
  private final Counter hintedWrites;
  private final Counter forwardedPuts;

  QuorumMetrics(MeterRegistry registry) {
    getAcks = acks(registry, "get");
    putAcks = acks(registry, "put");
    readRepairs =
        Counter.builder("dynakv.read.repairs")
            .description("Replicas sent the merged object by read repair after a get")
            .register(registry);
    hintedWrites =
        Counter.builder("dynakv.hinted.writes")
            .description(
                "Objects a put coordinator sent to a fallback node, hinted with the primary it stands in for")
            .register(registry);
    forwardedPuts =
        Counter.builder("dynakv.forwarded.puts")
            .description(
                "Puts and deletes that arrived at this node while it is not in the key's preference list, forwarded to a node that is")
            .register(registry);
  }

  /** Counters in a registry of their own, which nothing exports (actor tests). */
  public static QuorumMetrics unexported() {
    return new QuorumMetrics(new SimpleMeterRegistry());
  }

  private static Counter acks(MeterRegistry registry, String operation) {
    return Counter.builder("dynakv.quorum.acks")
        .description(
            "Replica answers received by coordinators on this node (a get's reads, a put's write acks)")
        .tag("operation", operation)
        .register(registry);
  }

  public void getAck() {
    getAcks.increment();
  }

  public void putAck() {
    putAcks.increment();
  }

  public void readRepairs(int replicas) {
    readRepairs.increment(replicas);
  }

  public void hintedWrite() {
    hintedWrites.increment();
  }

  public void forwardedPut() {
    forwardedPuts.increment();
  }

  public double getAcks() {
    return getAcks.count();
  }

  public double putAcks() {
    return putAcks.count();
  }

  public double readRepairs() {
    return readRepairs.count();
  }

  public double hintedWrites() {
    return hintedWrites.count();
  }

  public double forwardedPuts() {
    return forwardedPuts.count();
  }
}
