package io.dynakv.node.storage;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.dynakv.core.version.DvvSet;
import java.io.IOException;

/**
 * How an object is encoded in the store: Jackson CBOR of the {@link DvvSet} record, with the
 * same visibility rules as dynakv's remote messages (record components only). Independent of
 * the actor system's configuration, so the stored format changes only with this class.
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
    try {
      return MAPPER.writeValueAsBytes(object);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode an object: " + e.getMessage(), e);
    }
  }

  /** @throws IllegalStateException when the bytes are not an object (a damaged store) */
  public static DvvSet decode(byte[] bytes) {
    try {
      return MAPPER.readValue(bytes, DvvSet.class);
    } catch (IOException e) {
      throw new IllegalStateException("cannot decode a stored object: " + e.getMessage(), e);
    }
  }
}
