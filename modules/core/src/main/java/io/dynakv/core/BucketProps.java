package io.dynakv.core;

/**
 * Per-bucket replication properties: N replicas, R replies for a read, W acks for a write,
 * and whether concurrent writes surface as siblings or are resolved last-writer-wins.
 *
 * <p>The constructor accepts anything so that a caller's request can be represented and
 * then rejected with a field-specific message by {@link #validated()}.
 */
public record BucketProps(int n, int r, int w, boolean allowSiblings) {

    /** More replicas than this would make every request fan out absurdly wide. */
    public static final int MAX_N = 16;

    /** The paper's common configuration (3, 2, 2), siblings kept. */
    public static BucketProps defaults() {
        return new BucketProps(3, 2, 2, true);
    }

    /** Returns this when it is usable, otherwise throws naming the first bad field. */
    public BucketProps validated() {
        if (n < 1) {
            throw new InvalidInputException("n", "n must be >= 1");
        }
        if (n > MAX_N) {
            throw new InvalidInputException("n", "n=" + n + " exceeds the maximum of " + MAX_N);
        }
        checkQuorum("r", r);
        checkQuorum("w", w);
        return this;
    }

    private void checkQuorum(String field, int value) {
        if (value < 1) {
            throw new InvalidInputException(field, field + " must be >= 1");
        }
        if (value > n) {
            throw new InvalidInputException(field, field + "=" + value + " exceeds n=" + n);
        }
    }

    public BucketProps withN(int newN) {
        return new BucketProps(newN, r, w, allowSiblings);
    }

    public BucketProps withR(int newR) {
        return new BucketProps(n, newR, w, allowSiblings);
    }

    public BucketProps withW(int newW) {
        return new BucketProps(n, r, newW, allowSiblings);
    }

    public BucketProps withAllowSiblings(boolean newAllowSiblings) {
        return new BucketProps(n, r, w, newAllowSiblings);
    }
}
