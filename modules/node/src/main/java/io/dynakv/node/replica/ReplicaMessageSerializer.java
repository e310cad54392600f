package io.dynakv.node.replica;

import akka.actor.ExtendedActorSystem;
import akka.actor.typed.ActorRef;
import akka.actor.typed.ActorRefResolver;
import akka.actor.typed.javadsl.Adapter;
import akka.serialization.SerializerWithStringManifest;
import io.dynakv.core.Key;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.DvvSetCodec;
import java.io.NotSerializableException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The four messages of every read and write between nodes — {@link ReplicaHost.Read}, {@link
 * PartitionReplica.ReadResult}, {@link ReplicaHost.Replicate} and {@link
 * PartitionReplica.Replicated} — in a hand-written binary form (objects by {@link
 * DvvSetCodec}). Every other message stays Jackson CBOR. Bound in dynakv-node.conf.
 *
 * <p>Strings are UTF-8 with a 4-byte length (-1 for null); actor refs are their serialization
 * format ({@link ActorRefResolver}); a {@code Replicate} may carry none (read repair and
 * anti-entropy want no ack). A frame that does not parse is refused with {@link
 * NotSerializableException}, which Artery logs and drops.
 */
public final class ReplicaMessageSerializer extends SerializerWithStringManifest {

  /** Unique among the actor system's serializers (Akka's own use 1..100). */
  public static final int IDENTIFIER = 7301;

  private static final String READ = "R";
  private static final String READ_RESULT = "RR";
  private static final String REPLICATE = "P";
  private static final String REPLICATED = "PD";

  private final ExtendedActorSystem system;
  private volatile ActorRefResolver resolver;

  public ReplicaMessageSerializer(ExtendedActorSystem system) {
    this.system = system;
  }

  @Override
  public int identifier() {
    return IDENTIFIER;
  }

  @Override
  public String manifest(Object message) {
    if (message instanceof ReplicaHost.Read) {
      return READ;
    } else if (message instanceof PartitionReplica.ReadResult) {
      return READ_RESULT;
    } else if (message instanceof ReplicaHost.Replicate) {
      return REPLICATE;
    } else if (message instanceof PartitionReplica.Replicated) {
      return REPLICATED;
    }
    throw new IllegalArgumentException("not a replica message: " + message.getClass().getName());
  }

  @Override
  public byte[] toBinary(Object message) {
    if (message instanceof ReplicaHost.Read m) {
      byte[] hint = utf8(m.hintFor());
      byte[] bucket = utf8(m.key().bucket());
      byte[] key = utf8(m.key().key());
      byte[] replyTo = utf8(ref(m.replyTo()));
      ByteBuffer out = ByteBuffer.allocate(4 + 4 + size(hint) + size(bucket) + size(key) + size(replyTo));
      out.putInt(m.partition()).putInt(m.n());
      put(out, hint);
      put(out, bucket);
      put(out, key);
      put(out, replyTo);
      return out.array();
    } else if (message instanceof PartitionReplica.ReadResult m) {
      byte[] node = utf8(m.node());
      byte[] bucket = utf8(m.key().bucket());
      byte[] key = utf8(m.key().key());
      ByteBuffer out = ByteBuffer.allocate(size(node) + size(bucket) + size(key)
          + DvvSetCodec.encodedSize(m.object()));
      put(out, node);
      put(out, bucket);
      put(out, key);
      DvvSetCodec.write(m.object(), out);
      return out.array();
    } else if (message instanceof ReplicaHost.Replicate m) {
      byte[] hint = utf8(m.hintFor());
      byte[] bucket = utf8(m.key().bucket());
      byte[] key = utf8(m.key().key());
      byte[] replyTo = m.replyTo() == null ? null : utf8(ref(m.replyTo()));
      ByteBuffer out = ByteBuffer.allocate(4 + 1 + size(hint) + size(bucket) + size(key) + size(replyTo)
          + DvvSetCodec.encodedSize(m.object()));
      out.putInt(m.partition()).put((byte) (m.lastWriterWins() ? 1 : 0));
      put(out, hint);
      put(out, bucket);
      put(out, key);
      put(out, replyTo);
      DvvSetCodec.write(m.object(), out);
      return out.array();
    } else if (message instanceof PartitionReplica.Replicated m) {
      byte[] node = utf8(m.node());
      byte[] bucket = utf8(m.key().bucket());
      byte[] key = utf8(m.key().key());
      ByteBuffer out = ByteBuffer.allocate(size(node) + size(bucket) + size(key));
      put(out, node);
      put(out, bucket);
      put(out, key);
      return out.array();
    }
    throw new IllegalArgumentException("not a replica message: " + message.getClass().getName());
  }

  @Override
  public Object fromBinary(byte[] bytes, String manifest) throws NotSerializableException {
    ByteBuffer in = ByteBuffer.wrap(bytes);
    try {
      Object message = switch (manifest) {
        case READ -> {
          int partition = in.getInt();
          int n = in.getInt();
          String hint = string(in);
          Key key = new Key(required(in), required(in));
          ActorRef<ReadReply> replyTo = resolve(required(in));
          yield new ReplicaHost.Read(partition, hint, key, n, replyTo);
        }
        case READ_RESULT -> {
          String node = required(in);
          Key key = new Key(required(in), required(in));
          DvvSet object = DvvSetCodec.read(in);
          yield new PartitionReplica.ReadResult(node, key, object);
        }
        case REPLICATE -> {
          int partition = in.getInt();
          boolean lastWriterWins = in.get() != 0;
          String hint = string(in);
          Key key = new Key(required(in), required(in));
          String replyRef = string(in);
          ActorRef<PartitionReplica.Replicated> replyTo = replyRef == null ? null : resolve(replyRef);
          DvvSet object = DvvSetCodec.read(in);
          yield new ReplicaHost.Replicate(partition, hint, key, object, lastWriterWins, replyTo);
        }
        case REPLICATED -> new PartitionReplica.Replicated(required(in), new Key(required(in), required(in)));
        default -> throw new NotSerializableException("unknown replica message manifest " + manifest);
      };
      if (in.hasRemaining()) {
        throw new NotSerializableException(in.remaining() + " bytes after a replica message " + manifest);
      }
      return message;
    } catch (BufferUnderflowException | IllegalArgumentException e) {
      NotSerializableException refused =
          new NotSerializableException("damaged replica message " + manifest + ": " + e.getMessage());
      refused.initCause(e);
      throw refused;
    }
  }

  private String ref(ActorRef<?> ref) {
    return resolver().toSerializationFormat(ref);
  }

  private <T> ActorRef<T> resolve(String ref) {
    return resolver().resolveActorRef(ref);
  }

  private ActorRefResolver resolver() {
    ActorRefResolver r = resolver;
    if (r == null) {
      r = ActorRefResolver.get(Adapter.toTyped(system));
      resolver = r;
    }
    return r;
  }

  private static byte[] utf8(String s) {
    return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
  }

  private static int size(byte[] bytes) {
    return 4 + (bytes == null ? 0 : bytes.length);
  }

  private static void put(ByteBuffer out, byte[] bytes) {
    if (bytes == null) {
      out.putInt(-1);
    } else {
      out.putInt(bytes.length).put(bytes);
    }
  }

  private static String string(ByteBuffer in) {
    int length = in.getInt();
    if (length == -1) {
      return null;
    }
    if (length < 0 || length > in.remaining()) {
      throw new IllegalArgumentException("string length " + length + " exceeds the message");
    }
    String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
    in.position(in.position() + length);
    return s;
  }

  private static String required(ByteBuffer in) {
    String s = string(in);
    if (s == null) {
      throw new IllegalArgumentException("a required string is missing");
    }
    return s;
  }
}
