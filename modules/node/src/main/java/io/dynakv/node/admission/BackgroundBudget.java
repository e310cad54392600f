package io.dynakv.node.admission;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Shared by a node's replicas and its background work: replicas record how long each
 * foreground operation (a coordinated write, a read) took, the {@link AdmissionMonitor} turns
 * each window of those into a share, and handoff and anti-entropy scale their pace by {@link
 * #share()}. Thread-safe: recording is HdrHistogram's wait-free {@link Recorder}, the share a
 * volatile.
 */
public final class BackgroundBudget {

  private static final long MAX_TRACKED_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final Recorder foreground = new Recorder(MAX_TRACKED_NANOS, 3);
  private volatile double share = 1.0;
  private volatile double lastP99Millis;
  private volatile long lastSamples;

  /** A budget that is always full and records nothing useful (tests, tools). */
  public static BackgroundBudget unlimited() {
    return new BackgroundBudget();
  }

  public void recordForeground(long nanos) {
    foreground.recordValue(Math.min(Math.max(0, nanos), MAX_TRACKED_NANOS));
  }

  /** The fraction (0, 1] of its configured pace that background work may use now. */
  public double share() {
    return share;
  }

  public double lastP99Millis() {
    return lastP99Millis;
  }

  public long lastSamples() {
    return lastSamples;
  }

  /** The window's foreground latencies since the previous call (the monitor's tick). */
  Histogram takeWindow() {
    return foreground.getIntervalHistogram();
  }

  void update(double newShare, double p99Millis, long samples) {
    this.share = newShare;
    this.lastP99Millis = p99Millis;
    this.lastSamples = samples;
  }
}
