package io.dynakv.core.quorum;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Counts a put's acknowledgements against W. Mutable: it lives inside one coordinator. Once
 * decided, the outcome stays; later acks are still counted (the write exists there too).
 */
public final class PutQuorum {

    private final Set<String> outstanding;
    private final int required;
    private int acks;
    private Progress progress = Progress.PENDING;

    public PutQuorum(List<String> targets, int w) {
        if (w < 1) {
            throw new IllegalArgumentException("w must be at least 1");
        }
        this.outstanding = new HashSet<>(targets);
        this.required = w;
        decide();
    }

    public Progress ack(String node) {
        if (outstanding.remove(node)) {
            acks++;
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

    public Progress progress() {
        return progress;
    }

    public int acks() {
        return acks;
    }

    public int required() {
        return required;
    }

    private void decide() {
        if (progress != Progress.PENDING) {
            return;
        }
        if (acks >= required) {
            progress = Progress.SUCCEEDED;
        } else if (acks + outstanding.size() < required) {
            progress = Progress.FAILED;
        }
    }
}
