package io.dynakv.core.storage;

import io.dynakv.core.Key;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * How a node's store lays out the objects of its replicas: byte keys ordered partition, then
 * replica (owned, or a fallback for one primary), then bucket, then key. Every object of one
 * replica shares a prefix, and no replica's prefix is a prefix of another's (the hint's length
 * is part of it), so a replica streams with one iterator over its prefix.
 *
 * <pre>
 *   replica prefix = partition (4 bytes, big-endian) | hint length (1 byte) | hint (UTF-8)
 *   object key     = replica prefix | bucket length (2 bytes) | bucket (UTF-8) | key (UTF-8)
 * </pre>
 *
 * An owned replica has an empty hint. Partitions are non-negative, so their big-endian bytes
 * sort like the numbers.
 */
public final class StoreKeys {

  /** Longest hint (a primary's node id) in UTF-8 bytes. */
  public static final int MAX_HINT_BYTES = 255;

  private StoreKeys() {}

  /** The prefix of every object of one replica; {@code hintFor} null for an owned one. */
  public static byte[] replicaPrefix(int partition, String hintFor) {
    if (partition < 0) {
      throw new IllegalArgumentException("partition " + partition + " is negative");
    }
    byte[] hint = hintFor == null ? new byte[0] : hintFor.getBytes(StandardCharsets.UTF_8);
    if (hint.length > MAX_HINT_BYTES) {
      throw new IllegalArgumentException("node id longer than " + MAX_HINT_BYTES + " bytes: " + hintFor);
    }
    return ByteBuffer.allocate(5 + hint.length)
        .putInt(partition)
        .put((byte) hint.length)
        .put(hint)
        .array();
  }

  /** The store key of {@code key}'s object in the replica with this prefix. */
  public static byte[] objectKey(byte[] replicaPrefix, Key key) {
    byte[] bucket = key.bucketBytes();
    byte[] name = key.keyBytes();
    if (bucket.length > 0xFFFF) {
      throw new IllegalArgumentException("bucket name longer than 65535 bytes");
    }
    return ByteBuffer.allocate(replicaPrefix.length + 2 + bucket.length + name.length)
        .put(replicaPrefix)
        .putShort((short) bucket.length)
        .put(bucket)
        .put(name)
        .array();
  }

  /** The key an object key names, given the length of its replica prefix. */
  public static Key keyOf(byte[] objectKey, int prefixLength) {
    int bucketLength = ((objectKey[prefixLength] & 0xFF) << 8) | (objectKey[prefixLength + 1] & 0xFF);
    int bucketStart = prefixLength + 2;
    int keyStart = bucketStart + bucketLength;
    return new Key(
        new String(objectKey, bucketStart, bucketLength, StandardCharsets.UTF_8),
        new String(objectKey, keyStart, objectKey.length - keyStart, StandardCharsets.UTF_8));
  }

  /** Whether {@code bytes} starts with {@code prefix}. */
  public static boolean startsWith(byte[] bytes, byte[] prefix) {
    return bytes.length >= prefix.length
        && Arrays.equals(bytes, 0, prefix.length, prefix, 0, prefix.length);
  }

  /** The replica an object key belongs to. */
  public record Replica(int partition, String hintFor) {}

  /** The replica of an object key (or of a replica prefix). */
  public static Replica replicaOf(byte[] objectKey) {
    int partition = ByteBuffer.wrap(objectKey, 0, 4).getInt();
    int hintLength = objectKey[4] & 0xFF;
    String hint = hintLength == 0 ? null : new String(objectKey, 5, hintLength, StandardCharsets.UTF_8);
    return new Replica(partition, hint);
  }

  /** Length of the replica prefix an object key starts with. */
  public static int prefixLengthOf(byte[] objectKey) {
    return 5 + (objectKey[4] & 0xFF);
  }

  /**
   * The smallest byte string greater than every key starting with {@code prefix}: an exclusive
   * upper bound for iterating one replica, or where the next replica's keys begin.
   */
  public static byte[] after(byte[] prefix) {
    byte[] bound = Arrays.copyOf(prefix, prefix.length);
    for (int i = bound.length - 1; i >= 0; i--) {
      if (bound[i] != (byte) 0xFF) {
        bound[i]++;
        return Arrays.copyOf(bound, i + 1);
      }
    }
    throw new IllegalArgumentException("no key follows a prefix of 0xFF bytes");
  }
}
