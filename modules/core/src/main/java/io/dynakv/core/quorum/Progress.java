package io.dynakv.core.quorum;

/** Where a quorum stands after a response. */
public enum Progress {
    PENDING,
    SUCCEEDED,
    FAILED
}
