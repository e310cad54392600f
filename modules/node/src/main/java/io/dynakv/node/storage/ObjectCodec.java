package io.dynakv.node.storage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.DvvSetCodec;
import java.io.IOException;

/**
 * How an object is encoded in the store: {@link DvvSetCodec}'s binary form. Stores written
 * before it hold Jackson CBOR of the {@link DvvSet} record (record components only); those
 * still decode, told apart by the first byte (a CBOR map starts with 0xA0..0xBF, never with
 * {@link DvvSetCodec#FORMAT}). Independent of the actor system's configuration, so the stored
 * format changes only with this class.
 */
public final class ObjectCodec {

  private static final ObjectMapper MAPPER =
      CBORMapper.builder()
          .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
          .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
          .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
          .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .build();

  private ObjectCodec() {}

  public static byte[] encode(DvvSet object) {
    return DvvSetCodec.encode(object);
  }

  /** @throws IllegalStateException when the bytes are not an object (a damaged store) */
  public static DvvSet decode(byte[] bytes) {
    if (bytes.length > 0 && bytes[0] == DvvSetCodec.FORMAT) {
      try {
        return DvvSetCodec.decode(bytes);
      } catch (IllegalArgumentException e) {
        throw new IllegalStateException("cannot decode a stored object: " + e.getMessage(), e);
      }
    }
    try {
      return MAPPER.readValue(bytes, DvvSet.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a stored object: " + e.getMessage(), e);
    }
  }
}
