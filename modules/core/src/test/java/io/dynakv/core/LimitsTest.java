package io.dynakv.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import org.junit.jupiter.api.Test;

class LimitsTest {

    private final Limits limits = Limits.defaults();

    @Test
    void defaultsAreSixtyFourCharacterBucketsOneKibibyteKeysOneMebibyteValues() {
        assertThat(limits).isEqualTo(new Limits(64, 1024, 1048576, 3145728));
    }

    @Test
    void bucketOfLettersDigitsUnderscoreDotAndDashIsAccepted() {
        assertThatCode(() -> limits.checkBucket("Users_2024.v-1")).doesNotThrowAnyException();
        assertThatCode(() -> limits.checkBucket("b".repeat(64))).doesNotThrowAnyException();
    }

    @Test
    void bucketWithOtherCharactersIsRejectedNamingTheBucketField() {
        for (String bad : new String[] {"a/b", "a b", "ä", "a\u0000", "a:b"}) {
            InvalidInputException e = reject(() -> limits.checkBucket(bad));
            assertThat(e.field()).isEqualTo("bucket");
            assertThat(e.tooLarge()).isFalse();
        }
    }

    @Test
    void emptyOrMissingBucketIsRejected() {
        assertThat(reject(() -> limits.checkBucket("")).field()).isEqualTo("bucket");
        assertThat(reject(() -> limits.checkBucket(null)).field()).isEqualTo("bucket");
    }

    @Test
    void bucketLongerThanTheLimitSaysHowLong() {
        InvalidInputException e = reject(() -> limits.checkBucket("b".repeat(65)));
        assertThat(e.detail()).isEqualTo("bucket is 65 characters, the limit is 64");
        assertThat(e.getMessage()).isEqualTo("bucket: bucket is 65 characters, the limit is 64");
    }

    @Test
    void keyLimitCountsUtf8BytesNotCharacters() {
        String twoBytesEach = "é".repeat(512);
        assertThatCode(() -> limits.checkKey(twoBytesEach)).doesNotThrowAnyException();
        InvalidInputException e = reject(() -> limits.checkKey(twoBytesEach + "x"));
        assertThat(e.detail()).isEqualTo("key is 1025 bytes, the limit is 1024");
    }

    @Test
    void tooLongKeyIsABadRequestNotTooLarge() {
        InvalidInputException e = reject(() -> limits.checkKey("k".repeat(2048)));
        assertThat(e.field()).isEqualTo("key");
        assertThat(e.detail()).isEqualTo("key is 2048 bytes, the limit is 1024");
        assertThat(e.tooLarge()).isFalse();
    }

    @Test
    void emptyKeyIsRejected() {
        assertThat(reject(() -> limits.checkKey("")).field()).isEqualTo("key");
        assertThat(reject(() -> limits.checkKey(null)).field()).isEqualTo("key");
    }

    @Test
    void keyMayContainAnyCharacters() {
        assertThatCode(() -> limits.checkKey("a/b c?d=ä\u0000")).doesNotThrowAnyException();
    }

    @Test
    void valueUpToTheLimitIsAcceptedIncludingEmpty() {
        assertThatCode(() -> limits.checkValue(0)).doesNotThrowAnyException();
        assertThatCode(() -> limits.checkValue(1048576)).doesNotThrowAnyException();
    }

    @Test
    void valueOverTheLimitIsTooLarge() {
        InvalidInputException e = reject(() -> limits.checkValue(1048577));
        assertThat(e.field()).isEqualTo("value");
        assertThat(e.tooLarge()).isTrue();
        assertThat(e.detail()).isEqualTo("value is 1048577 bytes, the limit is 1048576");
    }

    @Test
    void smallerConfiguredLimitsApply() {
        Limits tight = new Limits(3, 4, 5);
        reject(() -> tight.checkBucket("abcd"));
        reject(() -> tight.checkKey("abcde"));
        assertThat(reject(() -> tight.checkValue(6)).tooLarge()).isTrue();
    }

    @Test
    void anObjectOverItsCapIsTooLargeAndNamesTheWayOut() {
        Limits limits = new Limits(64, 1024, 1024, 4096);
        limits.checkObject(4096, 4);
        InvalidInputException e = reject(() -> limits.checkObject(4097, 3));
        assertThat(e.field()).isEqualTo("value");
        assertThat(e.tooLarge()).isTrue();
        assertThat(e.detail()).contains("4097 bytes in 3 versions", "the limit is 4096",
                "limits.max-object-bytes", "context");
    }

    @Test
    void theObjectCapIsNeverBelowTheValueLimit() {
        assertThat(Limits.defaults().maxObjectBytes()).isEqualTo(3L * 1024 * 1024);
        assertThat(new Limits(3, 4, 5).maxObjectBytes()).isEqualTo(Limits.DEFAULT_MAX_OBJECT_BYTES);
        assertThat(new Limits(3, 4, 8 * 1024 * 1024).maxObjectBytes()).isEqualTo(8L * 1024 * 1024);
        assertThat(catchThrowableOfType(() -> new Limits(3, 4, 100, 99), IllegalArgumentException.class))
                .hasMessageContaining("below the value limit");
    }

    private static InvalidInputException reject(Runnable check) {
        InvalidInputException e = catchThrowableOfType(check::run, InvalidInputException.class);
        assertThat(e).as("expected InvalidInputException").isNotNull();
        return e;
    }
}
