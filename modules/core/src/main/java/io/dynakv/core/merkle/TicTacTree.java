package io.dynakv.core.merkle;

import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A "tictac" Merkle tree over one partition's keys and versions: each segment's hash is the
 * XOR of the {@link VersionHash}es of the keys that fall in it, and the root is the XOR of the
 * segments. XOR makes every write an O(1) update — take the key's old fingerprint out, put
 * the new one in — so the tree is never rebuilt, neither periodically nor when membership
 * changes (the paper's stated weakness of its Merkle trees), and it does not depend on the
 * order in which keys arrived.
 *
 * <p>Mutable: it lives inside one replica actor.
 */
public final class TicTacTree {

    public static final int DEFAULT_SEGMENTS = 1024;

    private final long[] segments;
    private long root;

    public TicTacTree(int segments) {
        if (segments < 1 || Integer.bitCount(segments) != 1) {
            throw new IllegalArgumentException("segments must be a power of two, got " + segments);
        }
        this.segments = new long[segments];
    }

    /** A tree over the given objects, as replaying them one by one would give. */
    public static TicTacTree of(int segments, Iterable<java.util.Map.Entry<Key, DvvSet>> objects) {
        TicTacTree tree = new TicTacTree(segments);
        for (java.util.Map.Entry<Key, DvvSet> e : objects) {
            tree.update(e.getKey(), null, e.getValue());
        }
        return tree;
    }

    public int size() {
        return segments.length;
    }

    /** The segment a key belongs to, from a hash of the key alone (stable across versions). */
    public int segmentOf(Key key) {
        return segmentOf(key, segments.length);
    }

    public static int segmentOf(Key key, int segmentCount) {
        MessageDigest md5 = md5();
        md5.update(key.bucketBytes());
        md5.update((byte) 0);
        md5.update(key.keyBytes());
        int h = ByteBuffer.wrap(md5.digest()).getInt();
        return h & (segmentCount - 1);
    }

    /** The key changed from {@code before} to {@code after}; either may be null (absent). */
    public void update(Key key, DvvSet before, DvvSet after) {
        long delta = 0;
        if (before != null) {
            delta ^= VersionHash.of(key, before);
        }
        if (after != null) {
            delta ^= VersionHash.of(key, after);
        }
        segments[segmentOf(key)] ^= delta;
        root ^= delta;
    }

    public long root() {
        return root;
    }

    public long[] segments() {
        return segments.clone();
    }

    /** Segments whose hashes differ between two trees of the same shape. */
    public static List<Integer> differingSegments(long[] ours, long[] theirs) {
        if (ours.length != theirs.length) {
            throw new IllegalArgumentException(
                    "trees of different shapes: " + ours.length + " vs " + theirs.length + " segments");
        }
        List<Integer> differing = new ArrayList<>();
        for (int i = 0; i < ours.length; i++) {
            if (ours[i] != theirs[i]) {
                differing.add(i);
            }
        }
        return differing;
    }

    @Override
    public String toString() {
        return "TicTacTree[" + segments.length + " segments, root " + Long.toHexString(root) + "]";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TicTacTree t && root == t.root && Arrays.equals(segments, t.segments);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(root);
    }

    private static MessageDigest md5() {
        try {
            return MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required of every JVM", e);
        }
    }

}
