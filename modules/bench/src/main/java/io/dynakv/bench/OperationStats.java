package io.dynakv.bench;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.HdrHistogram.Histogram;

/**
 * The results of one operation type (or of all of them): successes with their latencies,
 * failures by kind. Latencies are those of successful operations only; a timeout or a 503 is
 * counted under its kind instead of bending the percentiles.
 */
public final class OperationStats {

  private static final double MICROS_PER_MILLI = 1000.0;

  private final String label;
  private final Histogram latenciesMicros;
  private final Map<String, Long> errors;

  /** @param latenciesMicros taken over, not copied: the caller must not touch it afterwards */
  public OperationStats(String label, Histogram latenciesMicros, Map<String, Long> errors) {
    this.label = label;
    this.latenciesMicros = latenciesMicros;
    this.errors = Map.copyOf(errors);
  }

  /** Merges the histograms and error counts of {@code parts}. */
  public static OperationStats total(String label, List<OperationStats> parts) {
    Histogram merged = new Histogram(3);
    Map<String, Long> errors = new TreeMap<>();
    for (OperationStats part : parts) {
      merged.add(part.latenciesMicros);
      part.errors.forEach((kind, count) -> errors.merge(kind, count, Long::sum));
    }
    return new OperationStats(label, merged, errors);
  }

  public String label() {
    return label;
  }

  public long okCount() {
    return latenciesMicros.getTotalCount();
  }

  public long errorCount() {
    return errors.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Operations that completed, successfully or not. */
  public long count() {
    return okCount() + errorCount();
  }

  /** Successful operations per second over {@code seconds}; 0 for an empty interval. */
  public double throughput(double seconds) {
    return seconds > 0 ? okCount() / seconds : 0;
  }

  /**
   * HdrHistogram's convention: the highest value equivalent to the percentile's bucket, so a
   * reported figure is never below the true one (4 ms may read 4.001 ms at three digits).
   *
   * @param percentile in [0, 100], e.g. 99.9
   */
  public double latencyMillis(double percentile) {
    return latenciesMicros.getValueAtPercentile(percentile) / MICROS_PER_MILLI;
  }

  public double maxLatencyMillis() {
    return latenciesMicros.getMaxValue() / MICROS_PER_MILLI;
  }

  /** Error counts by kind, most frequent first. */
  public Map<String, Long> errorsByKind() {
    return errors.entrySet().stream()
        .sorted(
            Map.Entry.<String, Long>comparingByValue(Comparator.reverseOrder())
                .thenComparing(Map.Entry.comparingByKey()))
        .collect(
            Collectors.toMap(
                Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a, LinkedHashMap::new));
  }

  /** e.g. {@code 503:12 timeout:3}; empty when there were none. */
  public String errorsText() {
    return errorsByKind().entrySet().stream()
        .map(e -> e.getKey() + ":" + e.getValue())
        .collect(Collectors.joining(" "));
  }
}
