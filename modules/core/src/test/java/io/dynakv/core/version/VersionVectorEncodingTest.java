package io.dynakv.core.version;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class VersionVectorEncodingTest {

    @Provide
    Arbitrary<VersionVector> vectors() {
        // Node ids: any text without lone surrogates (which have no UTF-8 form), up to 60 chars.
        Arbitrary<String> ids = Arbitraries.strings()
                .withCharRange('\u0001', '\uD7FF')
                .withCharRange('\uE000', '\uFFFD')
                .ofMinLength(1).ofMaxLength(60);
        Arbitrary<Long> counters = Arbitraries.oneOf(
                Arbitraries.longs().between(1, 1000),
                Arbitraries.longs().between(1, Long.MAX_VALUE));
        return Arbitraries.maps(ids, counters).ofMaxSize(20)
                .map(m -> new VersionVector(new TreeMap<>(m)));
    }

    @Property
    void encodeThenDecodeGivesTheSameVector(@ForAll("vectors") VersionVector vector) {
        String encoded = vector.encode();
        assertThat(encoded).isNotEmpty().matches("[A-Za-z0-9_-]+");
        assertThat(VersionVector.decode(encoded)).isEqualTo(vector);
        assertThat(VersionVector.fromBytes(vector.toBytes())).isEqualTo(vector);
    }

    @Property
    void decodingArbitraryTextFailsOnlyWithInvalidContext(@ForAll String text) {
        assertDecodesExactlyOrRejects(text);
    }

    @Property
    void decodingBase64OfRandomBytesFailsOnlyWithInvalidContext(@ForAll byte[] bytes) {
        assertDecodesExactlyOrRejects(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        byte[] withFormat = bytes.clone();
        if (withFormat.length > 0) {
            withFormat[0] = 1;
        }
        assertDecodesExactlyOrRejects(Base64.getUrlEncoder().withoutPadding().encodeToString(withFormat));
    }

    @Property
    void corruptingAValidContextFailsOnlyWithInvalidContext(
            @ForAll("vectors") VersionVector vector,
            @ForAll @IntRange(min = 0, max = 10_000) int where,
            @ForAll byte replacement) {
        byte[] bytes = vector.toBytes();
        bytes[where % bytes.length] = replacement;
        assertDecodesExactlyOrRejects(Base64.getUrlEncoder().withoutPadding().encodeToString(bytes));
        byte[] truncated = java.util.Arrays.copyOf(bytes, where % bytes.length);
        assertDecodesExactlyOrRejects(Base64.getUrlEncoder().withoutPadding().encodeToString(truncated));
    }

    /** Either the text is exactly the encoding of what it decodes to, or it is refused. */
    private static void assertDecodesExactlyOrRejects(String text) {
        VersionVector decoded;
        try {
            decoded = VersionVector.decode(text);
        } catch (InvalidContextException expected) {
            return;
        }
        assertThat(decoded.encode()).isEqualTo(text);
        for (Map.Entry<String, Long> e : decoded.entries().entrySet()) {
            assertThat(e.getValue()).isPositive();
        }
    }
}
