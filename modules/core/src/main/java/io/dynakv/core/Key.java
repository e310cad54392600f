package io.dynakv.core;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A key as clients name it: a bucket and a key within it. Both travel as text; their UTF-8
 * bytes are what the ring hashes and what the size limits measure.
 *
 * <p>Validation against {@link Limits} is the caller's job (the request router), so that a
 * key read back from a journal written under older limits still loads.
 */
public record Key(String bucket, String key) {

    public Key {
        Objects.requireNonNull(bucket, "bucket");
        Objects.requireNonNull(key, "key");
    }

    public byte[] bucketBytes() {
        return bucket.getBytes(StandardCharsets.UTF_8);
    }

    public byte[] keyBytes() {
        return key.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
        return bucket + "/" + key;
    }
}
