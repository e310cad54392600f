package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ValueTest {

    @Test
    void valuesWithTheSameBytesAreEqual() {
        Value a = Value.of(new byte[] {1, 2, 3}, "application/octet-stream", 5);
        Value b = Value.of(new byte[] {1, 2, 3}, "application/octet-stream", 5);
        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a).isNotEqualTo(Value.of(new byte[] {1, 2, 4}, "application/octet-stream", 5));
        assertThat(a).isNotEqualTo(Value.of(new byte[] {1, 2, 3}, "text/plain", 5));
        assertThat(a).isNotEqualTo(Value.of(new byte[] {1, 2, 3}, "application/octet-stream", 6));
    }

    @Test
    void tombstoneHasNoBytesAndMayHaveNoContentType() {
        Value tombstone = Value.tombstone(9);
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.bytes()).isEmpty();
        assertThat(tombstone.contentType()).isNull();
        assertThat(tombstone.lastModified()).isEqualTo(9);
        assertThat(tombstone).isEqualTo(Value.tombstone(9)).isNotEqualTo(Value.of(new byte[0], null, 9));
    }

    @Test
    void toStringSummarisesInsteadOfDumpingTheBytes() {
        assertThat(Value.of(new byte[2048], "text/plain", 1).toString()).contains("2048 bytes").hasSizeLessThan(100);
    }
}
