package io.dynakv.core.merkle;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.Sibling;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;

/**
 * A 64-bit fingerprint of one key at one version: the key and the object's causal history
 * (its clock and its siblings' dots). Two replicas holding the same version of a key get the
 * same fingerprint on any JVM; any difference in what they have seen changes it. Values are
 * not hashed: a dot names exactly one value.
 */
public final class VersionHash {

    private VersionHash() {}

    public static long of(Key key, DvvSet object) {
        MessageDigest md5 = md5();
        md5.update(key.bucketBytes());
        md5.update((byte) 0);
        md5.update(key.keyBytes());
        md5.update((byte) 0);
        for (Map.Entry<String, Long> e : object.clock().entries().entrySet()) {
            md5.update(e.getKey().getBytes(StandardCharsets.UTF_8));
            md5.update(longBytes(e.getValue()));
        }
        md5.update((byte) 1);
        for (Sibling s : object.siblings()) {
            md5.update(s.dot().node().getBytes(StandardCharsets.UTF_8));
            md5.update(longBytes(s.dot().counter()));
            md5.update((byte) (s.value().deleted() ? 1 : 0));
        }
        return ByteBuffer.wrap(md5.digest()).getLong();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }
}
