package io.dynakv.node;

/**
 * Marker for every message and persisted event that may leave the JVM. Bound to Akka's
 * {@code jackson-cbor} serializer in this module's reference.conf; Java serialization stays off.
 */
public interface CborSerializable {}
