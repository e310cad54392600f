package io.dynakv.node.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.dataformat.cbor.databind.CBORMapper;
import io.dynakv.core.version.DvvSet;
import io.dynakv.core.version.DvvSetCodec;
import io.dynakv.core.version.Value;
import io.dynakv.core.version.VersionVector;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The stored form of objects: the binary codec now, Jackson CBOR from stores written before. */
class ObjectCodecTest {

  private static final DvvSet OBJECT =
      DvvSet.empty()
          .update(VersionVector.empty(), Value.of("a".getBytes(StandardCharsets.UTF_8), "text/plain", 7), "w1")
          .update(VersionVector.empty(), Value.tombstone(9), "w2");

  @Test
  void newObjectsAreWrittenInTheBinaryForm() {
    byte[] stored = ObjectCodec.encode(OBJECT);
    assertThat(stored[0]).isEqualTo(DvvSetCodec.FORMAT);
    assertThat(ObjectCodec.decode(stored)).isEqualTo(OBJECT);
  }

  @Test
  void objectsStoredAsJacksonCborBeforeStillDecode() throws Exception {
    // What ObjectCodec wrote before the binary form: CBOR of the record's components.
    byte[] legacy =
        CBORMapper.builder()
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .visibility(PropertyAccessor.IS_GETTER, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.GETTER, JsonAutoDetect.Visibility.NONE)
            .build()
            .writeValueAsBytes(OBJECT);
    assertThat(legacy[0] & 0xE0).isEqualTo(0xA0); // a CBOR map
    assertThat(ObjectCodec.decode(legacy)).isEqualTo(OBJECT);
  }

  @Test
  void damagedBytesOfEitherFormAreRefusedAsADamagedStore() {
    byte[] cut = java.util.Arrays.copyOf(ObjectCodec.encode(OBJECT), 6);
    assertThatThrownBy(() -> ObjectCodec.decode(cut)).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> ObjectCodec.decode(new byte[] {(byte) 0xbf, 0x61, 0x6b, (byte) 0xff}))
        .isInstanceOf(IllegalStateException.class);
  }
}
