package io.dynakv.core.version;

import java.util.List;

/**
 * When a deleted key's tombstone may go: only once every one of the key's N replicas holds
 * exactly the same object and that object is tombstones only. Then no replica can hold a
 * value the tombstone supersedes, so forgetting the key cannot bring an old value back. (The
 * caller also makes sure no hinted copy is waiting anywhere and every member is reachable.)
 */
public final class TombstoneReaping {

    private TombstoneReaping() {}

    /**
     * @param local this replica's object
     * @param others the objects of the key's other replicas, one per replica that answered
     * @param n the key's replication factor
     */
    public static boolean reapable(DvvSet local, List<DvvSet> others, int n) {
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
