package io.dynakv.core;

import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

/**
 * Size and shape limits on what a caller may store. Checked once at the edge (the request
 * router) so that replicas never see input they would have to reject.
 */
public record Limits(int maxBucketLength, int maxKeyBytes, int maxValueBytes, long maxObjectBytes) {

    private static final Pattern BUCKET_CHARS = Pattern.compile("[A-Za-z0-9_.-]+");

    /** The default cap on a key's whole object: 3 MiB, under remoting's 4 MiB frame. */
    public static final long DEFAULT_MAX_OBJECT_BYTES = 3L * 1024 * 1024;

    public Limits {
        if (maxBucketLength < 1 || maxKeyBytes < 1 || maxValueBytes < 0) {
            throw new IllegalArgumentException("limits must be positive: " + maxBucketLength
                    + "/" + maxKeyBytes + "/" + maxValueBytes);
        }
        if (maxObjectBytes < maxValueBytes) {
            throw new IllegalArgumentException("the object limit " + maxObjectBytes
                    + " is below the value limit " + maxValueBytes);
        }
    }

    /** The default object cap, or the value limit if that is larger. */
    public Limits(int maxBucketLength, int maxKeyBytes, int maxValueBytes) {
        this(maxBucketLength, maxKeyBytes, maxValueBytes,
                Math.max(DEFAULT_MAX_OBJECT_BYTES, maxValueBytes));
    }

    /** 64-character buckets, 1 KiB keys, 1 MiB values, 3 MiB objects. */
    public static Limits defaults() {
        return new Limits(64, 1024, 1024 * 1024, DEFAULT_MAX_OBJECT_BYTES);
    }

    public void checkBucket(String bucket) {
        if (bucket == null || bucket.isEmpty()) {
            throw new InvalidInputException("bucket", "bucket must not be empty");
        }
        if (bucket.length() > maxBucketLength) {
            throw new InvalidInputException("bucket", "bucket is " + bucket.length()
                    + " characters, the limit is " + maxBucketLength);
        }
        if (!BUCKET_CHARS.matcher(bucket).matches()) {
            throw new InvalidInputException("bucket",
                    "bucket may only contain letters, digits, '_', '.' and '-'");
        }
    }

    /**
     * A key longer than the limit is a malformed request (400), not an oversized body: the
     * key is part of the URL, which no client expects to be "too large" in the 413 sense.
     */
    public void checkKey(String key) {
        if (key == null || key.isEmpty()) {
            throw new InvalidInputException("key", "key must not be empty");
        }
        int bytes = key.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > maxKeyBytes) {
            throw new InvalidInputException("key", "key is " + bytes
                    + " bytes, the limit is " + maxKeyBytes);
        }
    }

    public void checkValue(int sizeBytes) {
        if (sizeBytes < 0) {
            throw new InvalidInputException("value", "value size must not be negative");
        }
        if (sizeBytes > maxValueBytes) {
            throw new InvalidInputException("value", "value is " + sizeBytes
                    + " bytes, the limit is " + maxValueBytes, true);
        }
    }

    /**
     * A key's object (every sibling and tombstone with its metadata, as {@code
     * DvvSet.sizeBytes} counts it) after a coordinated write. Over the cap the write is refused
     * (413): the object travels whole in replication, read and repair messages, and one that
     * outgrew remoting's frame could no longer be replicated. A write that resolves siblings
     * (with their context) shrinks the object, so it is never refused for what it replaces.
     */
    public void checkObject(long objectBytes, int siblings) {
        if (objectBytes > maxObjectBytes) {
            throw new InvalidInputException("value", "the key's object would hold " + objectBytes
                    + " bytes in " + siblings + (siblings == 1 ? " version" : " versions")
                    + ", the limit is " + maxObjectBytes + " (limits.max-object-bytes): resolve"
                    + " the siblings by writing with the context of a read", true);
        }
    }
}
