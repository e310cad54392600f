package io.dynakv.bench;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;

/**
 * Collects one operation type's latencies and errors from every worker at once. HdrHistogram's
 * {@link Recorder} lets the writers record without locks and still hands a consistent
 * histogram to a reader while they run — which is what a Ctrl-C report needs, since workers
 * may still be finishing their last request when it is taken.
 */
public final class OperationRecorder {

  /** Three significant digits: 1 ms is told from 1.001 ms, 10 s from 10.01 s. */
  private static final int SIGNIFICANT_DIGITS = 3;

  private final Recorder latenciesMicros = new Recorder(SIGNIFICANT_DIGITS);
  private final Map<String, LongAdder> errors = new ConcurrentHashMap<>();

  public void recordSuccess(long latencyNanos) {
    latenciesMicros.recordValue(Math.max(0, TimeUnit.NANOSECONDS.toMicros(latencyNanos)));
  }

  public void recordError(String kind) {
    errors.computeIfAbsent(kind, k -> new LongAdder()).increment();
  }

  /** Takes what has been recorded so far; what is recorded afterwards goes to the next call. */
  public OperationStats snapshot(String label) {
    Map<String, Long> errorCounts = new TreeMap<>();
    errors.forEach((kind, count) -> errorCounts.put(kind, count.sum()));
    return new OperationStats(label, latenciesMicros.getIntervalHistogram(), errorCounts);
  }
}
