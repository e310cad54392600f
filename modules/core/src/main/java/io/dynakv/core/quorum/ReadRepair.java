package io.dynakv.core.quorum;

import io.dynakv.core.version.DvvSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** Which replicas a read found behind: deciding the repairs is apart from sending them. */
public final class ReadRepair {

    private ReadRepair() {}

    /**
     * The nodes whose reply lacks something of {@code merged}; each should get {@code merged}.
     * A replica that holds nothing is not given a tombstone: it has no value to hide, and
     * pushing tombstones back would undo their reaping (which every replica holding the
     * tombstone makes safe, see {@code TombstoneReaping}).
     */
    public static Set<String> staleReplicas(Map<String, DvvSet> replies, DvvSet merged) {
        Set<String> stale = new TreeSet<>();
        boolean tombstone = merged.allDeleted();
        replies.forEach(
                (node, object) -> {
                    if (tombstone && object.isEmpty()) {
                        return;
                    }
                    if (!object.descends(merged)) {
                        stale.add(node);
                    }
                });
        return stale;
    }
}
