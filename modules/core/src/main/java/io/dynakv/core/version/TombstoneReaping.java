package io.dynakv.core.version;

import java.util.List;

/**
 * When a deleted key's tombstone may go: only once every one of the key's N replicas holds
 * exactly the same object and that object is tombstones only. Then no replica can hold a
 * value the tombstone supersedes, so forgetting the key cannot bring an old value back. (The
 * caller also makes sure no hinted copy is waiting anywhere and every member is reachable.)
 *
 * <p>Nodes further along the partition's walk than the key's n (up to the widest n of any
 * bucket) may still hold a copy from when the bucket's n was larger: each of them must hold
 * either nothing or that same tombstone, so a lowered n keeps a tombstone rather than leaving
 * an old value behind to come back later.
 */
public final class TombstoneReaping {

    private TombstoneReaping() {}

    /**
     * @param local this replica's object
     * @param others the objects of the key's other replicas, one per replica that answered
     * @param n the key's replication factor
     */
    public static boolean reapable(DvvSet local, List<DvvSet> others, int n) {
        return reapable(local, others, n, List.of());
    }

    /**
     * @param beyond the objects of the nodes past the key's n in the partition's walk, one per
     *     such node, each having answered; null or empty where the node holds nothing
     */
    public static boolean reapable(DvvSet local, List<DvvSet> others, int n, List<DvvSet> beyond) {
        for (DvvSet other : beyond) {
            if (other != null && !other.isEmpty() && !other.equals(local)) {
                return false;
            }
        }
        if (local == null || local.isEmpty() || !local.allDeleted() || others.size() != n - 1) {
            return false;
        }
        for (DvvSet other : others) {
            if (other == null || !other.equals(local)) {
                return false;
            }
        }
        return true;
    }
}
