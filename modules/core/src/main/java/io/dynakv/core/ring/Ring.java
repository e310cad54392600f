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
 * <p>Rings are built by {@link Claim}; the epoch orders them, so a node that hears about two
 * rings keeps the one with the higher epoch.
 */
public record Ring(long epoch, int partitions, List<String> members, List<String> owners) {

    public Ring {
        new Partitioning(partitions);
        members = List.copyOf(members);
        owners = List.copyOf(owners);
        if (epoch < 0) {
            throw new IllegalArgumentException("epoch must be >= 0, got " + epoch);
        }
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

    public boolean isMember(String node) {
        return node != null && Collections.binarySearch(members, node) >= 0;
    }
}
