package io.dynakv.core.admission;

/**
 * The admission controller's feedback loop (Dynamo, section 6.5): background work gets a share
 * of its configured budget, between {@code minShare} and 1, that falls when foreground
 * latency rises. Each window the p99 of foreground replica operations is compared with the
 * threshold: above it the share halves (multiplicative decrease), at or below it the share
 * grows by {@code step} (additive increase). A window with too few samples to say anything
 * counts as healthy.
 */
public final class FeedbackThrottle {

    private final double thresholdMillis;
    private final double minShare;
    private final double step;
    private final long minSamples;
    private double share = 1.0;

    public FeedbackThrottle(double thresholdMillis, double minShare, double step, long minSamples) {
        if (!(thresholdMillis > 0)) {
            throw new IllegalArgumentException("threshold must be > 0 ms, got " + thresholdMillis);
        }
        if (!(minShare > 0 && minShare <= 1)) {
            throw new IllegalArgumentException("min share must be in (0, 1], got " + minShare);
        }
        if (!(step > 0 && step <= 1)) {
            throw new IllegalArgumentException("step must be in (0, 1], got " + step);
        }
        this.thresholdMillis = thresholdMillis;
        this.minShare = minShare;
        this.step = step;
        this.minSamples = Math.max(1, minSamples);
    }

    /** Feed one window's foreground p99 and sample count; returns the new share. */
    public double observe(double p99Millis, long samples) {
        if (samples >= minSamples && p99Millis > thresholdMillis) {
            share = Math.max(minShare, share / 2);
        } else {
            share = Math.min(1.0, share + step);
        }
        return share;
    }

    public double share() {
        return share;
    }

    public double thresholdMillis() {
        return thresholdMillis;
    }
}
