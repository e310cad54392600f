package io.dynakv.core.ring;

import io.dynakv.core.Key;
import java.math.BigInteger;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A key's position on the ring: MD5 of {@code bucket 0x00 key} read as an unsigned 128-bit
 * number, the paper's choice. The zero byte keeps ("ab","c") and ("a","bc") apart, and it
 * cannot occur inside a bucket name.
 */
public final class RingHash {

    /** Positions are in [0, 2^128). */
    public static final int BITS = 128;

    private RingHash() {
    }

    public static BigInteger of(Key key) {
        MessageDigest md5 = md5();
        md5.update(key.bucketBytes());
        md5.update((byte) 0);
        md5.update(key.keyBytes());
        return new BigInteger(1, md5.digest());
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            // Every Java platform must provide MD5 (MessageDigest javadoc), so this is a broken JRE.
            throw new IllegalStateException("MD5 is not available", e);
        }
    }
}
