package io.dynakv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class KeyTest {

    @Test
    void bytesAreUtf8() {
        Key key = new Key("bücket", "käy");
        assertThat(key.bucketBytes()).isEqualTo("bücket".getBytes(StandardCharsets.UTF_8));
        assertThat(key.keyBytes()).containsExactly(0x6b, 0xc3, 0xa4, 0x79);
    }

    @Test
    void componentsMustNotBeNull() {
        assertThatThrownBy(() -> new Key(null, "k")).isInstanceOf(NullPointerException.class);
        assertThatThrownBy(() -> new Key("b", null)).isInstanceOf(NullPointerException.class);
    }

    @Test
    void keysWithTheSameTextAreEqual() {
        assertThat(new Key("b", "k")).isEqualTo(new Key("b", "k")).hasSameHashCodeAs(new Key("b", "k"));
        assertThat(new Key("ab", "c")).isNotEqualTo(new Key("a", "bc"));
    }

    @Test
    void invalidInputMessageIsFieldThenDetail() {
        InvalidInputException e = new InvalidInputException("r", "r=9 exceeds n=3");
        assertThat(e.getMessage()).isEqualTo("r: r=9 exceeds n=3");
        assertThat(e.tooLarge()).isFalse();
        assertThat(new InvalidInputException("value", "big", true).tooLarge()).isTrue();
    }
}
