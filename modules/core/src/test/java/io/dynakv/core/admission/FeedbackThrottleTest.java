package io.dynakv.core.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class FeedbackThrottleTest {

    @Test
    void slowForegroundHalvesTheShareDownToTheMinimum() {
        FeedbackThrottle t = new FeedbackThrottle(20, 0.1, 0.1, 10);
        assertThat(t.observe(50, 100)).isEqualTo(0.5);
        assertThat(t.observe(50, 100)).isEqualTo(0.25);
        assertThat(t.observe(50, 100)).isEqualTo(0.125);
        assertThat(t.observe(50, 100)).isEqualTo(0.1);
        assertThat(t.observe(50, 100)).isEqualTo(0.1);
    }

    @Test
    void healthyWindowsGiveTheShareBackStepByStep() {
        FeedbackThrottle t = new FeedbackThrottle(20, 0.1, 0.25, 10);
        t.observe(100, 100);
        t.observe(100, 100);
        assertThat(t.share()).isEqualTo(0.25);
        assertThat(t.observe(5, 100)).isEqualTo(0.5);
        assertThat(t.observe(20, 100)).isEqualTo(0.75);
        assertThat(t.observe(1, 100)).isEqualTo(1.0);
        assertThat(t.observe(1, 100)).isEqualTo(1.0);
    }

    @Test
    void aWindowWithTooFewSamplesCountsAsHealthy() {
        FeedbackThrottle t = new FeedbackThrottle(20, 0.1, 0.5, 10);
        assertThat(t.observe(1000, 9)).isEqualTo(1.0);
    }

    @Test
    void settingsAreChecked() {
        assertThatThrownBy(() -> new FeedbackThrottle(0, 0.1, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedbackThrottle(10, 0, 0.1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new FeedbackThrottle(10, 0.1, 1.5, 1)).isInstanceOf(IllegalArgumentException.class);
    }

    @Property
    void theShareStaysWithinItsBounds(
            @ForAll @Size(max = 50) java.util.List<@DoubleRange(min = 0, max = 200) Double> p99s) {
        FeedbackThrottle t = new FeedbackThrottle(20, 0.05, 0.1, 1);
        for (double p99 : p99s) {
            double share = t.observe(p99, 100);
            assertThat(share).isBetween(0.05, 1.0);
        }
    }
}
