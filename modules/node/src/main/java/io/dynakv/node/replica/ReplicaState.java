package io.dynakv.node.replica;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * What a partition replica keeps in memory: the copy's writer and epoch and the size of what
 * it holds. The objects themselves live in the node's store (see {@link
 * io.dynakv.node.storage.NodeStore}); every event carries the state after it, written in the
 * same batch, so a restarted replica reads its state back instead of replaying.
 *
 * <p>The writer ids make this copy's dots unique without growing every key's clock (the scheme
 * of Riak's per-key epochs):
 *
 * <ul>
 *   <li>{@code writerBase}: this copy's writer id, chosen once ({@code node/tag}) and kept;
 *   <li>{@code epoch}: how many times this copy has dropped keys (handoff, reaping);
 *   <li>each stored object records the epoch in which its key was last created here.
 * </ul>
 *
 * A key's dots are issued by {@code writerBase} in the epoch its object was created in. While
 * the object stays here every dot of that writer for the key is in it, so the next one (one
 * past its clock entry) is new. Once dropped, a key that comes back is created in a later epoch
 * and so gets another writer, whose dots for it were never issued. Keys that were not dropped
 * keep their writer: a drop costs a clock entry only to the keys it dropped.
 */
public record ReplicaState(String writerBase, long epoch, long objects, long bytes) {

  public static final ReplicaState EMPTY = new ReplicaState(null, 0L, 0L, 0L);

  public static ReplicaState empty() {
    return EMPTY;
  }

  public ReplicaState withWriterBase(String base) {
    return new ReplicaState(base, epoch, objects, bytes);
  }

  /** After storing an object that was {@code previousBytes} (-1: absent) and is now {@code newBytes}. */
  public ReplicaState stored(long previousBytes, long newBytes) {
    return previousBytes < 0
        ? new ReplicaState(writerBase, epoch, objects + 1, bytes + newBytes)
        : new ReplicaState(writerBase, epoch, objects, bytes - previousBytes + newBytes);
  }

  /** After dropping objects: a new epoch, so keys that come back get a new writer. */
  public ReplicaState dropped(long count, long droppedBytes) {
    return new ReplicaState(writerBase, epoch + 1, objects - count, bytes - droppedBytes);
  }

  /**
   * The writer id that issues this copy's dots for a key created in {@code createdIn}, or null
   * before a writer base was chosen. Epoch 0 is the bare base, so a copy that never dropped
   * anything names one writer only.
   */
  public String writerFor(long createdIn) {
    if (writerBase == null) {
      return null;
    }
    return createdIn == 0 ? writerBase : writerBase + "/" + createdIn;
  }

  byte[] encode() {
    byte[] base = writerBase == null ? new byte[0] : writerBase.getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(24 + base.length).putLong(epoch).putLong(objects).putLong(bytes).put(base).array();
  }

  static ReplicaState decode(byte[] v) {
    if (v == null) {
      return EMPTY;
    }
    ByteBuffer b = ByteBuffer.wrap(v);
    long epoch = b.getLong();
    long objects = b.getLong();
    long bytes = b.getLong();
    String base = b.remaining() == 0 ? null : new String(v, 24, b.remaining(), StandardCharsets.UTF_8);
    return new ReplicaState(base, epoch, objects, bytes);
  }
}
