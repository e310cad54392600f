package io.dynakv.bench;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The summary as people read it: run parameters on top, then one aligned row per operation. */
public final class TextReport {

  private static final double[] PERCENTILES = {50, 95, 99, 99.9};
  private static final String[] HEADER = {
    "op", "count", "errors", "ok/s", "p50 ms", "p95 ms", "p99 ms", "p99.9 ms", "max ms", "errors by kind"
  };

  private TextReport() {}

  public static String render(RunSummary summary) {
    BenchSettings settings = summary.settings();
    Workload workload = settings.workload();
    Pacing pacing = settings.pacing();
    ClientSettings client = settings.client();
    StringBuilder out = new StringBuilder();
    line(out, "dynakv-bench", pacing.describeMode() + ", " + pacing.threads() + " threads");
    line(
        out,
        "targets",
        client.targets().stream().map(URI::toString).collect(Collectors.joining(", "))
            + " (routing " + client.routingName() + ")");
    line(
        out,
        "workload",
        String.format(
            "bucket %s, %s, %d-byte values", workload.bucket(), workload.describeKeys(), workload.valueSize()));
    line(out, "mix", workload.mix() + "  (update latency = its PUT only)");
    line(
        out,
        "requests",
        client.describeQuorum() + ", client timeout " + client.timeout().toMillis() + " ms");
    line(
        out,
        "time",
        duration(pacing.warmup()) + " warm-up (discarded), " + duration(pacing.duration()) + " measured");
    line(out, "seed", Long.toString(settings.seed()));
    summary
        .preload()
        .ifPresent(
            p ->
                line(
                    out,
                    "preload",
                    String.format(
                        Locale.ROOT,
                        "%d of %d keys written in %.1f s, errors: %s",
                        p.stats().okCount(),
                        workload.keys(),
                        p.seconds(),
                        orNone(p.stats().errorsText()))));
    String measured = String.format(Locale.ROOT, "%.2f s", summary.measuredSeconds());
    if (summary.interrupted()) {
      measured +=
          " of " + duration(pacing.duration())
              + (summary.measuredSeconds() > 0
                  ? " (interrupted)"
                  : " (interrupted before the warm-up ended: nothing measured)");
    }
    line(out, "measured", measured);
    summary
        .unstarted()
        .ifPresent(
            n ->
                line(
                    out,
                    "schedule",
                    n + " operations due in the measured interval never started"
                        + (n > 0 ? " (the generator or the store fell behind)" : "")));
    out.append('\n');

    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (OperationStats stats : summary.operations()) {
      rows.add(row(stats, summary.measuredSeconds()));
    }
    rows.add(row(summary.total(), summary.measuredSeconds()));
    out.append(table(rows));
    out.append('\n')
        .append(
            pacing.isOpenLoop()
                ? "Latencies of successful operations, from each operation's scheduled start.\n"
                : "Latencies of successful operations.\n");
    return out.toString();
  }

  private static String[] row(OperationStats stats, double seconds) {
    List<String> cells = new ArrayList<>();
    cells.add(stats.label());
    cells.add(Long.toString(stats.count()));
    cells.add(Long.toString(stats.errorCount()));
    cells.add(number(stats.throughput(seconds)));
    boolean none = stats.okCount() == 0;
    for (double percentile : PERCENTILES) {
      cells.add(none ? "-" : millis(stats.latencyMillis(percentile)));
    }
    cells.add(none ? "-" : millis(stats.maxLatencyMillis()));
    cells.add(orNone(stats.errorsText()));
    return cells.toArray(new String[0]);
  }

  /** Pads every column to its widest cell: text columns (first, last) left, numbers right. */
  static String table(List<String[]> rows) {
    int columns = rows.get(0).length;
    int[] widths = new int[columns];
    for (String[] row : rows) {
      for (int c = 0; c < columns; c++) {
        widths[c] = Math.max(widths[c], row[c].length());
      }
    }
    StringBuilder out = new StringBuilder();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int c = 0; c < columns; c++) {
        boolean text = c == 0 || c == columns - 1;
        String format = "%" + (text ? "-" : "") + widths[c] + "s";
        line.append(c == 0 ? "" : "  ").append(String.format(format, row[c]));
      }
      out.append(line.toString().stripTrailing()).append('\n');
    }
    return out.toString();
  }

  private static void line(StringBuilder out, String name, String value) {
    out.append(String.format("%-9s %s", name, value)).append('\n');
  }

  private static String orNone(String text) {
    return text.isEmpty() ? "-" : text;
  }

  /** Milliseconds with microsecond precision, the histogram's unit. */
  static String millis(double millis) {
    return String.format(Locale.ROOT, "%.3f", millis);
  }

  /** A rate or count with one decimal, dot-separated whatever the locale. */
  static String number(double value) {
    return value == Math.rint(value) && Math.abs(value) < 1e15
        ? Long.toString((long) value)
        : String.format(Locale.ROOT, "%.1f", value);
  }

  /** "30s", "1500ms": the way the options are written. */
  static String duration(Duration duration) {
    long millis = duration.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
