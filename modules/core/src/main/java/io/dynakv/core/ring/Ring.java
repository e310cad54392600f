package io.dynakv.core.ring;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Who owns which partition, as of one epoch. {@code owners.get(p)} owns partition p. A member
 * may own nothing (a cluster with more nodes than partitions), but every owner is a member.
 *
 * <p>A ring may be in transition: {@code members}/{@code owners} are who serves requests now,
 * {@code nextMembers}/{@code nextOwners} who will once the data has moved (a node joining or
 * leaving). Ownership changes in two phases: first the incoming replicas receive the data
 * while the current ones keep serving ({@link Transfers}), then the claimant {@link #settled()
 * settles} the ring and the next owners take over. A settled ring has next = current.
 *
 * <p>{@code down} lists current members an operator declared gone for good (forced removal):
 * a transition takes them out of the ring without waiting for them, and their partitions are
 * rebuilt from the surviving replicas ({@link Transfers}). Always a subset of {@code members}
 * and disjoint from {@code nextMembers}; empty in a settled ring.
 *
 * <p>Rings are built by {@link Claim}; the epoch orders them, so a node that hears about two
 * rings keeps the one with the higher epoch.
 */
public record Ring(
        long epoch,
        int partitions,
        List<String> members,
        List<String> owners,
        List<String> nextMembers,
        List<String> nextOwners,
        List<String> down) {

    /** A settled ring (not in transition). */
    public Ring(long epoch, int partitions, List<String> members, List<String> owners) {
        this(epoch, partitions, members, owners, members, owners, List.of());
    }

    /** A ring in transition with no member down. */
    public Ring(
            long epoch,
            int partitions,
            List<String> members,
            List<String> owners,
            List<String> nextMembers,
            List<String> nextOwners) {
        this(epoch, partitions, members, owners, nextMembers, nextOwners, List.of());
    }

    public Ring {
        new Partitioning(partitions);
        members = List.copyOf(members);
        owners = List.copyOf(owners);
        nextMembers = nextMembers == null ? members : List.copyOf(nextMembers);
        nextOwners = nextOwners == null ? owners : List.copyOf(nextOwners);
        down = down == null ? List.of() : List.copyOf(down);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
        checkLayout(partitions, members, owners);
        checkLayout(partitions, nextMembers, nextOwners);
        for (String node : down) {
            if (!members.contains(node) || nextMembers.contains(node)) {
                throw new IllegalArgumentException(
                        "a down node must be a current member and no next member: " + node);
            }
        }
    }

    private static void checkLayout(int partitions, List<String> members, List<String> owners) {
        for (int i = 1; i < members.size(); i++) {
            if (members.get(i - 1).compareTo(members.get(i)) >= 0) {
                throw new IllegalArgumentException("members must be sorted and distinct: " + members);
            }
        }
        if (owners.size() != partitions) {
            throw new IllegalArgumentException("expected " + partitions + " owners, got " + owners.size());
        }
        for (String owner : owners) {
            if (Collections.binarySearch(members, owner) < 0) {
                throw new IllegalArgumentException("owner " + owner + " is not a member");
            }
        }
    }

    /** Whether data is moving towards the next owners. */
    public boolean inTransition() {
        return !members.equals(nextMembers) || !owners.equals(nextOwners);
    }

    /** The ring as it serves requests now (settled, same epoch). */
    public Ring current() {
        return inTransition() ? new Ring(epoch, partitions, members, owners) : this;
    }

    /** The ring as it will be once the transition is done (settled, same epoch). */
    public Ring target() {
        return inTransition() ? new Ring(epoch, partitions, nextMembers, nextOwners) : this;
    }

    /**
     * Begin moving towards {@code next} (a newer ring, e.g. from {@link Claim}): this ring's
     * current owners keep serving at next's epoch. When no partition changes owner, next
     * itself (settled) is returned: there is nothing to move.
     */
    public Ring towards(Ring next) {
        if (next.epoch() <= epoch || next.partitions() != partitions) {
            throw new IllegalArgumentException("cannot move from epoch " + epoch + " to " + next.epoch());
        }
        Ring target = next.target();
        if (target.owners().equals(owners)) {
            return target;
        }
        List<String> stillDown = new ArrayList<>(down);
        stillDown.removeAll(target.members());
        return new Ring(
                next.epoch(), partitions, members, owners, target.members(), target.owners(), stillDown);
    }

    /**
     * The same transition at the next epoch, with {@code node} (a current member that is no
     * next member) down: the transition no longer waits for it and copies its partitions from
     * the surviving replicas.
     */
    public Ring withDown(String node) {
        if (!members.contains(node) || nextMembers.contains(node)) {
            throw new IllegalArgumentException(node + " is not a current member leaving the ring");
        }
        List<String> all = new ArrayList<>(down);
        if (!all.contains(node)) {
            all.add(node);
        }
        Collections.sort(all);
        return new Ring(epoch + 1, partitions, members, owners, nextMembers, nextOwners, all);
    }

    /** Whether {@code node} was declared down for good in this transition. */
    public boolean isDown(String node) {
        return down.contains(node);
    }

    /** The transition done: the next owners serve, at the following epoch. */
    public Ring settled() {
        return new Ring(epoch + 1, partitions, nextMembers, nextOwners);
    }

    /** Partitions whose owner changes in this transition, ascending. */
    public List<Integer> movingPartitions() {
        List<Integer> moving = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (!owners.get(p).equals(nextOwners.get(p))) {
                moving.add(p);
            }
        }
        return Collections.unmodifiableList(moving);
    }

    public String owner(int partition) {
        Objects.checkIndex(partition, partitions);
        return owners.get(partition);
    }

    /** Partitions owned per member, in member order; members owning nothing map to 0. */
    public Map<String, Integer> ownershipCounts() {
        Map<String, Integer> counts = new LinkedHashMap<>();
        for (String member : members) {
            counts.put(member, 0);
        }
        for (String owner : owners) {
            counts.merge(owner, 1, Integer::sum);
        }
        return Collections.unmodifiableMap(counts);
    }

    /** Ascending. Empty for a node that owns nothing or is not a member. */
    public List<Integer> partitionsOwnedBy(String node) {
        List<Integer> owned = new ArrayList<>();
        for (int p = 0; p < partitions; p++) {
            if (owners.get(p).equals(node)) {
                owned.add(p);
            }
        }
        return Collections.unmodifiableList(owned);
    }

    /** A member now or after the transition (a joining or leaving node is a member). */
    public boolean isMember(String node) {
        return node != null
                && (Collections.binarySearch(members, node) >= 0
                        || Collections.binarySearch(nextMembers, node) >= 0);
    }
}
