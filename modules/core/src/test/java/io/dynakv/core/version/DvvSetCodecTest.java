package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

/** The binary form of objects: every object survives the round trip; damaged input is refused. */
class DvvSetCodecTest {

    @Provide
    Arbitrary<DvvSetPropertiesTest.History> histories() {
        return Arbitraries.integers().between(0, Integer.MAX_VALUE).list().ofMaxSize(40)
                .map(DvvSetPropertiesTest::replay);
    }

    @Property
    void everyStateOfARandomHistoryRoundTrips(@ForAll("histories") DvvSetPropertiesTest.History history) {
        for (DvvSet state : history.states()) {
            assertRoundTrip(state);
            assertRoundTrip(state.lastWriterWins());
        }
    }

    @Provide
    Arbitrary<DvvSet> objects() {
        Arbitrary<String> writers = Arbitraries.strings().ofMinLength(1).ofMaxLength(12)
                .withChars("abcz-_09éß€\uD83D\uDE00")
                // Only well-formed text: a lone surrogate has no UTF-8 form at all.
                .filter(s -> s.equals(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)));
        Arbitrary<Long> counters = Arbitraries.oneOf(Arbitraries.longs().between(1, 300),
                Arbitraries.longs().between(1, Long.MAX_VALUE));
        Arbitrary<Value> values = Combinators.combine(
                Arbitraries.bytes().array(byte[].class).ofMaxSize(300),
                Arbitraries.of("text/plain", "application/octet-stream; charset=ü").injectNull(0.3),
                Arbitraries.longs(),
                Arbitraries.of(true, false))
            .as((bytes, type, at, deleted) -> deleted ? Value.tombstone(at) : new Value(bytes, type, at, false));
        return Combinators.combine(Arbitraries.maps(writers, counters).ofMinSize(1).ofMaxSize(6),
                        values.list().ofMaxSize(4), Arbitraries.longs().list().ofMaxSize(6))
                .as((clock, siblingValues, times) -> {
                    List<String> ids = List.copyOf(new TreeMap<>(clock).keySet());
                    List<Sibling> siblings = new java.util.ArrayList<>();
                    for (int i = 0; i < siblingValues.size(); i++) {
                        String writer = ids.get(i % ids.size());
                        long counter = Math.max(1, clock.get(writer) - i / ids.size());
                        siblings.add(new Sibling(new Dot(writer, counter), siblingValues.get(i)));
                    }
                    TreeMap<String, Long> stamps = new TreeMap<>();
                    for (int i = 0; i < times.size(); i++) {
                        stamps.put(ids.get(i % ids.size()), times.get(i));
                    }
                    // Two siblings may share a dot here; keep the first of each.
                    Map<Dot, Sibling> byDot = new TreeMap<>();
                    siblings.forEach(s -> byDot.putIfAbsent(s.dot(), s));
                    return new DvvSet(new VersionVector(new TreeMap<>(clock)), List.copyOf(byDot.values()), stamps);
                });
    }

    @Property
    void anyObjectRoundTrips(@ForAll("objects") DvvSet object) {
        assertRoundTrip(object);
    }

    @Property
    void everyTruncationIsRefused(@ForAll("objects") DvvSet object) {
        byte[] encoded = DvvSetCodec.encode(object);
        for (int length = 0; length < encoded.length; length++) {
            byte[] cut = Arrays.copyOf(encoded, length);
            assertThatThrownBy(() -> DvvSetCodec.decode(cut)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Property
    void randomBytesDecodeOrAreRefusedCleanly(@ForAll @Size(max = 64) byte[] tail) {
        byte[] input = new byte[tail.length + 1];
        input[0] = DvvSetCodec.FORMAT;
        System.arraycopy(tail, 0, input, 1, tail.length);
        try {
            DvvSet decoded = DvvSetCodec.decode(input);
            assertThat(DvvSetCodec.decode(DvvSetCodec.encode(decoded))).isEqualTo(decoded);
        } catch (IllegalArgumentException refused) {
            // refused with the one exception the codec promises
        }
    }

    @Test
    void theEmptyObjectIsFiveBytesOrLess() {
        assertThat(DvvSetCodec.encode(DvvSet.empty())).hasSizeLessThanOrEqualTo(5);
        assertRoundTrip(DvvSet.empty());
    }

    @Test
    void aOneKibValueCostsLittleBeyondItsBytes() {
        DvvSet object = DvvSet.empty().update(VersionVector.empty(),
                Value.of(new byte[1024], "application/octet-stream", 1_700_000_000_000L), "node-1");
        assertThat(DvvSetCodec.encode(object).length).isLessThan(1024 + 64);
    }

    @Test
    void aWrongFormatByteIsRefused() {
        byte[] encoded = DvvSetCodec.encode(DvvSet.empty().update(VersionVector.empty(),
                Value.of("v".getBytes(StandardCharsets.UTF_8), null, 1), "a"));
        encoded[0] = (byte) 0xA3;
        assertThatThrownBy(() -> DvvSetCodec.decode(encoded))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("format");
    }

    private static void assertRoundTrip(DvvSet object) {
        byte[] encoded = DvvSetCodec.encode(object);
        assertThat(encoded.length).isEqualTo(DvvSetCodec.encodedSize(object));
        assertThat(DvvSetCodec.decode(encoded)).isEqualTo(object);
    }
}
