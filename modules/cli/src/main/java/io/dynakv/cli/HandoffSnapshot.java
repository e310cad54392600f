package io.dynakv.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/**
 * The cluster's handoff state at one poll, summed over the nodes that answered: the newest
 * ring epoch, whether any node's ring is still in a transition (and whether any node's ring
 * or handoff is: a node's handoff notices the settled ring a moment after its ring does), the partitions
 * the transition moves ({@code movingPartitions}: those whose owner changes), the copies the
 * nodes still have to make ({@code copiesLeft}: the sum of each node's
 * {@code transition.partitionsLeft}; a partition whose replica set changes is one copy, so
 * with n > 1 there are more copies than owner changes), the entries of every node's pending
 * list with their objects, and the summed send rate.
 */
record HandoffSnapshot(
    long epoch,
    boolean ringInTransition,
    boolean inTransition,
    int movingPartitions,
    int copiesLeft,
    int pendingTransfers,
    long pendingObjects,
    double objectsPerSecond,
    long objectsSent,
    int reachable,
    List<String> unreachable) {

  static HandoffSnapshot of(List<NodeHandoff> nodes) {
    long epoch = -1;
    long transitionEpoch = -1;
    boolean ringInTransition = false;
    boolean inTransition = false;
    int moving = 0;
    int copiesLeft = 0;
    int transfers = 0;
    long objects = 0;
    double rate = 0;
    long sent = 0;
    int reachable = 0;
    List<String> unreachable = new ArrayList<>();
    for (NodeHandoff node : nodes) {
      if (!node.reachable()) {
        unreachable.add(node.url().toString());
        continue;
      }
      reachable++;
      JsonNode ring = node.ring();
      long ringEpoch = ring.path("epoch").asLong(-1);
      epoch = Math.max(epoch, ringEpoch);
      JsonNode transition = ring.path("transition");
      if (transition.isObject()) {
        ringInTransition = true;
        inTransition = true;
        if (ringEpoch > transitionEpoch) {
          transitionEpoch = ringEpoch;
          moving = transition.path("movingPartitions").asInt();
        }
      }
      JsonNode handoff = node.handoff();
      JsonNode copying = handoff.path("transition");
      if (copying.isObject()) {
        inTransition = true;
        copiesLeft += copying.path("partitionsLeft").asInt();
      }
      for (JsonNode entry : handoff.path("pending")) {
        transfers++;
        objects += entry.path("objects").asLong();
      }
      rate += handoff.path("objectsPerSecond").asDouble();
      sent += handoff.path("objectsSent").asLong();
    }
    return new HandoffSnapshot(
        epoch, ringInTransition, inTransition, moving, copiesLeft, transfers, objects, rate, sent, reachable, List.copyOf(unreachable));
  }

  /**
   * Copies are being made: a ring is in transition or a node still has copies left. (A node
   * whose handoff has not yet seen the settled ring still reports a transition, with nothing
   * left to copy: that is the settle, not the copy.)
   */
  boolean copying() {
    return ringInTransition || copiesLeft > 0;
  }

  /** Nothing left anywhere: no transition on any node, every pending list empty. */
  boolean done() {
    return reachable > 0 && !inTransition && copiesLeft == 0 && pendingTransfers == 0;
  }
}
