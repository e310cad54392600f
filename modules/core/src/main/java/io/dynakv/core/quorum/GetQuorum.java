package io.dynakv.core.quorum;

import io.dynakv.core.version.DvvSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Collects a get's replies against R and merges them as they come. Mutable: it lives inside
 * one coordinator, which keeps feeding it after the answer so read repair sees every reply.
 */
public final class GetQuorum {

    private final Set<String> outstanding;
    private final int required;
    private final Map<String, DvvSet> replies = new LinkedHashMap<>();
    private DvvSet merged = DvvSet.empty();
    private Progress progress = Progress.PENDING;

    public GetQuorum(List<String> targets, int r) {
        if (r < 1) {
            throw new IllegalArgumentException("r must be at least 1");
        }
        this.outstanding = new HashSet<>(targets);
        this.required = r;
        decide();
    }

    public Progress reply(String node, DvvSet object) {
        if (outstanding.remove(node)) {
            replies.put(node, object);
            merged = merged.merge(object);
            decide();
        }
        return progress;
    }

    public Progress fail(String node) {
        if (outstanding.remove(node)) {
            decide();
        }
        return progress;
    }

    /**
     * {@code node} answered that it does not hold the partition: it is no replica, so it
     * counts as a failure, never as an empty reply. {@code standIn} (null when the extended
     * preference list has nobody left) is asked instead and counts like any target.
     */
    public Progress failOver(String node, String standIn) {
        if (outstanding.remove(node)) {
            if (standIn != null && !replies.containsKey(standIn)) {
                outstanding.add(standIn);
            }
            decide();
        }
        return progress;
    }

    public Progress progress() {
        return progress;
    }

    public DvvSet merged() {
        return merged;
    }

    public int replies() {
        return replies.size();
    }

    public int required() {
        return required;
    }

    public boolean allResponded() {
        return outstanding.isEmpty();
    }

    public Map<String, DvvSet> repliesByNode() {
        return Map.copyOf(replies);
    }

    private void decide() {
        if (progress != Progress.PENDING) {
            return;
        }
        if (replies.size() >= required) {
            progress = Progress.SUCCEEDED;
        } else if (replies.size() + outstanding.size() < required) {
            progress = Progress.FAILED;
        }
    }
}
