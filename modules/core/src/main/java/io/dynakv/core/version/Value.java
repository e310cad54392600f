package io.dynakv.core.version;

import java.util.Arrays;
import java.util.Objects;

/**
 * One version's payload: opaque bytes with their content type and the coordinator's
 * wall-clock time of the write (milliseconds since the epoch, given by the caller). A
 * tombstone is a value too, so a delete is causally ordered like any write.
 */
public record Value(byte[] bytes, String contentType, long lastModified, boolean deleted) {

    private static final byte[] NONE = new byte[0];

    public Value {
        Objects.requireNonNull(bytes, "bytes");
    }

    public static Value of(byte[] bytes, String contentType, long lastModified) {
        return new Value(bytes, contentType, lastModified, false);
    }

    public static Value tombstone(long lastModified) {
        return new Value(NONE, null, lastModified, true);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Value v
                && lastModified == v.lastModified
                && deleted == v.deleted
                && Objects.equals(contentType, v.contentType)
                && Arrays.equals(bytes, v.bytes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(bytes), contentType, lastModified, deleted);
    }

    @Override
    public String toString() {
        return deleted
                ? "Value[tombstone @" + lastModified + "]"
                : "Value[" + bytes.length + " bytes " + contentType + " @" + lastModified + "]";
    }
}
