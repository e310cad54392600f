package io.dynakv.client;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Nodes that failed to connect lately. They are tried last for a while, so that requests do
 * not each pay for a dead node's refused connection or connect timeout first; once the while
 * is over they are tried in their place again.
 */
final class NodeHealth {

  private final long suspectNanos;
  private final LongSupplier nanoClock;
  private final Map<URI, Long> suspectUntil = new ConcurrentHashMap<>();

  NodeHealth(java.time.Duration suspectFor, LongSupplier nanoClock) {
    this.suspectNanos = suspectFor.toNanos();
    this.nanoClock = nanoClock;
  }

  void failed(URI node) {
    suspectUntil.put(node, nanoClock.getAsLong() + suspectNanos);
  }

  void answered(URI node) {
    suspectUntil.remove(node);
  }

  /** The same nodes, the ones not suspected first, each group in the given order. */
  List<URI> order(List<URI> nodes) {
    if (suspectUntil.isEmpty()) {
      return nodes;
    }
    long now = nanoClock.getAsLong();
    List<URI> healthy = new ArrayList<>(nodes.size());
    List<URI> suspect = new ArrayList<>();
    for (URI node : nodes) {
      Long until = suspectUntil.get(node);
      if (until != null && until - now > 0) {
        suspect.add(node);
      } else {
        healthy.add(node);
      }
    }
    healthy.addAll(suspect);
    return healthy;
  }
}
