package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class VersionVectorTest {

    private static VersionVector vv(Object... nodeCounterPairs) {
        TreeMap<String, Long> entries = new TreeMap<>();
        for (int i = 0; i < nodeCounterPairs.length; i += 2) {
            entries.put((String) nodeCounterPairs[i], ((Number) nodeCounterPairs[i + 1]).longValue());
        }
        return new VersionVector(entries);
    }

    @Test
    void absentNodesCountZero() {
        assertThat(VersionVector.empty().get("a")).isZero();
        assertThat(vv("a", 3).get("a")).isEqualTo(3);
        assertThat(VersionVector.empty().isEmpty()).isTrue();
        assertThat(vv("a", 1).isEmpty()).isFalse();
    }

    @Test
    void coversDotsUpToItsCounter() {
        VersionVector v = vv("a", 3);
        assertThat(v.covers(new Dot("a", 3))).isTrue();
        assertThat(v.covers(new Dot("a", 4))).isFalse();
        assertThat(v.covers(new Dot("b", 1))).isFalse();
    }

    @Test
    void mergeIsThePointwiseMaximum() {
        assertThat(vv("a", 3, "b", 1).merge(vv("b", 5, "c", 2))).isEqualTo(vv("a", 3, "b", 5, "c", 2));
        assertThat(vv("a", 1).merge(VersionVector.empty())).isEqualTo(vv("a", 1));
    }

    @Test
    void withSetsOneEntryAndLeavesTheOriginalAlone() {
        VersionVector original = vv("a", 1);
        assertThat(original.with("b", 4)).isEqualTo(vv("a", 1, "b", 4));
        assertThat(original).isEqualTo(vv("a", 1));
    }

    @Test
    void descendsMeansAtLeastAsLargeEverywhere() {
        assertThat(vv("a", 2, "b", 1).descends(vv("a", 2))).isTrue();
        assertThat(vv("a", 2).descends(vv("a", 2, "b", 1))).isFalse();
        assertThat(vv("a", 1).descends(VersionVector.empty())).isTrue();
        assertThat(vv("a", 2, "b", 1).descends(vv("a", 1, "b", 2))).isFalse();
    }

    @Test
    void entriesAreAnImmutableSortedCopy() {
        TreeMap<String, Long> source = new TreeMap<>(Map.of("b", 1L, "a", 2L));
        VersionVector v = new VersionVector(source);
        source.put("c", 9L);
        assertThat(v.entries()).containsOnlyKeys("a", "b");
        assertThatThrownBy(() -> v.entries().put("d", 1L)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void countersBelowOneAndUnencodableNodeIdsAreRefused() {
        assertThatThrownBy(() -> vv("a", 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vv("", 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> vv("x".repeat(256), 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void binaryFormIsFormatByteCountThenLengthIdCounterPerEntry() {
        assertThat(VersionVector.empty().toBytes()).containsExactly(1, 0);
        assertThat(vv("b", 300, "a", 1).toBytes())
                .containsExactly(1, 2, 1, 'a', 1, 1, 'b', 0xac, 0x02);
    }

    @Test
    void encodedFormIsUnpaddedBase64urlAndNeverEmpty() {
        assertThat(VersionVector.empty().encode()).isEqualTo("AQA");
        VersionVector v = vv("node-1", 7, "node-2", 1_000_000_000_000L);
        assertThat(v.encode()).doesNotContain("=", "+", "/");
        assertThat(Base64.getUrlDecoder().decode(v.encode())).isEqualTo(v.toBytes());
        assertThat(VersionVector.decode(v.encode())).isEqualTo(v);
    }

    @Test
    void decodeRejectsMissingOrBlankContexts() {
        for (String bad : new String[] {null, "", "   ", "\n"}) {
            assertThatThrownBy(() -> VersionVector.decode(bad)).isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void decodeRejectsAnythingButTheExactEncoding() {
        String valid = VersionVector.empty().encode();
        for (String bad : new String[] {valid + "=", " " + valid, valid + " ", "AQB", "AQ+A", "A/QA", "!!!", "A"}) {
            assertThatThrownBy(() -> VersionVector.decode(bad))
                    .as(bad).isInstanceOf(InvalidContextException.class);
        }
    }

    @Test
    void decodeRejectsContextsOverSixtyFourKibibytes() {
        assertThatThrownBy(() -> VersionVector.decode("A".repeat(64 * 1024 + 1)))
                .isInstanceOf(InvalidContextException.class);
    }

    @Test
    void fromBytesRejectsEveryKindOfGarbage() {
        int[][] garbage = {
            {},
            {2, 0},                        // unknown format
            {1},                           // no count
            {1, 1},                        // entry missing
            {1, 1, 1, 'a'},                // counter missing
            {1, 0, 0},                     // trailing byte
            {1, 1, 1, 'a', 1, 7},          // trailing byte after an entry
            {1, 2, 1, 'b', 1, 1, 'a', 1},  // ids out of order
            {1, 2, 1, 'a', 1, 1, 'a', 2},  // duplicate id
            {1, 1, 1, 'a', 0},             // counter below one
            {1, 1, 0, 1},                  // empty id
            {1, 1, 2, 0xc3, 0x28, 1},      // invalid UTF-8
            {1, 1, 0xe8, 0x07, 'a', 1},    // id length 1000
            {1, 0xff, 0xff, 0xff, 0xff, 0x0f}, // absurd entry count
            {1, 1, 1, 'a', 0x81, 0x00},    // over-long varint for 1
            {1, 1, 1, 'a', 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, // varint too long
        };
        for (int[] ints : garbage) {
            byte[] bytes = new byte[ints.length];
            for (int i = 0; i < ints.length; i++) {
                bytes[i] = (byte) ints[i];
            }
            assertThatThrownBy(() -> VersionVector.fromBytes(bytes))
                    .as(java.util.Arrays.toString(ints)).isInstanceOf(InvalidContextException.class);
        }
        assertThatThrownBy(() -> VersionVector.fromBytes(null)).isInstanceOf(InvalidContextException.class);
    }

    @Test
    void invalidContextIsAnIllegalArgument() {
        assertThat(new InvalidContextException("x")).isInstanceOf(IllegalArgumentException.class);
    }
}
