package io.dynakv.bench;

import java.net.URI;
import java.util.Locale;
import java.util.Map;

/**
 * The summary as JSON, for scripts that compare runs. Written by hand: the shape is small
 * and fixed, and the jar stays free of a JSON library.
 */
public final class JsonReport {

  private JsonReport() {}

  public static String render(RunSummary summary) {
    BenchSettings settings = summary.settings();
    Workload workload = settings.workload();
    Pacing pacing = settings.pacing();
    ClientSettings client = settings.client();
    StringBuilder json = new StringBuilder("{\n");
    field(json, 1, "mode", quote(pacing.isOpenLoop() ? "open" : "closed"));
    field(json, 1, "rate", pacing.rate().isPresent() ? number(pacing.rate().getAsDouble()) : "null");
    field(json, 1, "threads", Integer.toString(pacing.threads()));
    field(json, 1, "warmupSeconds", number(pacing.warmup().toMillis() / 1000.0));
    field(json, 1, "durationSeconds", number(pacing.duration().toMillis() / 1000.0));
    field(json, 1, "measuredSeconds", number(summary.measuredSeconds()));
    field(json, 1, "interrupted", Boolean.toString(summary.interrupted()));
    StringBuilder targets = new StringBuilder("[");
    for (URI target : client.targets()) {
      targets.append(targets.length() > 1 ? ", " : "").append(quote(target.toString()));
    }
    field(json, 1, "targets", targets.append(']').toString());
    field(json, 1, "routing", quote(client.routingName()));
    field(json, 1, "r", client.r().isPresent() ? Integer.toString(client.r().getAsInt()) : "null");
    field(json, 1, "w", client.w().isPresent() ? Integer.toString(client.w().getAsInt()) : "null");
    field(json, 1, "clientTimeoutMs", Long.toString(client.timeout().toMillis()));
    field(json, 1, "bucket", quote(workload.bucket()));
    field(json, 1, "keys", Integer.toString(workload.keys()));
    field(json, 1, "distribution", quote(workload.distribution().toString()));
    field(json, 1, "zipfExponent", number(workload.zipfExponent()));
    field(json, 1, "valueSize", Integer.toString(workload.valueSize()));
    StringBuilder mix = new StringBuilder("{");
    for (Map.Entry<OperationType, Double> ratio : workload.mix().ratios().entrySet()) {
      mix.append(mix.length() > 1 ? ", " : "")
          .append(quote(ratio.getKey().label()))
          .append(": ")
          .append(number(ratio.getValue()));
    }
    field(json, 1, "mix", mix.append('}').toString());
    field(json, 1, "seed", Long.toString(settings.seed()));
    field(
        json,
        1,
        "unstarted",
        summary.unstarted().isPresent() ? Long.toString(summary.unstarted().getAsLong()) : "null");
    if (summary.preload().isPresent()) {
      PreloadResult preload = summary.preload().get();
      field(json, 1, "preloadSeconds", number(preload.seconds()));
      field(json, 1, "preload", stats(preload.stats(), preload.seconds(), 1));
    }
    StringBuilder operations = new StringBuilder("{\n");
    for (OperationStats stats : summary.operations()) {
      field(operations, 2, stats.label(), stats(stats, summary.measuredSeconds(), 2));
    }
    field(json, 1, "operations", close(operations, 1, '}'));
    field(json, 1, "total", stats(summary.total(), summary.measuredSeconds(), 1));
    return close(json, 0, '}') + "\n";
  }

  private static String stats(OperationStats stats, double seconds, int depth) {
    StringBuilder json = new StringBuilder("{\n");
    field(json, depth + 1, "count", Long.toString(stats.count()));
    field(json, depth + 1, "ok", Long.toString(stats.okCount()));
    field(json, depth + 1, "errors", Long.toString(stats.errorCount()));
    StringBuilder kinds = new StringBuilder("{");
    stats
        .errorsByKind()
        .forEach(
            (kind, count) ->
                kinds.append(kinds.length() > 1 ? ", " : "").append(quote(kind)).append(": ").append(count));
    field(json, depth + 1, "errorsByKind", kinds.append('}').toString());
    field(json, depth + 1, "throughput", number(stats.throughput(seconds)));
    boolean none = stats.okCount() == 0;
    StringBuilder latency = new StringBuilder("{");
    latency.append("\"p50\": ").append(none ? "null" : number(stats.latencyMillis(50)));
    latency.append(", \"p95\": ").append(none ? "null" : number(stats.latencyMillis(95)));
    latency.append(", \"p99\": ").append(none ? "null" : number(stats.latencyMillis(99)));
    latency.append(", \"p99.9\": ").append(none ? "null" : number(stats.latencyMillis(99.9)));
    latency.append(", \"max\": ").append(none ? "null" : number(stats.maxLatencyMillis()));
    field(json, depth + 1, "latencyMs", latency.append('}').toString());
    return close(json, depth, '}');
  }

  /** Appends {@code "name": value,} on its own indented line; {@link #close} drops the last comma. */
  private static void field(StringBuilder json, int depth, String name, String value) {
    json.append("  ".repeat(depth)).append(quote(name)).append(": ").append(value).append(",\n");
  }

  private static String close(StringBuilder json, int depth, char bracket) {
    if (json.length() >= 2 && json.charAt(json.length() - 2) == ',') {
      json.setLength(json.length() - 2);
      json.append('\n');
    }
    return json.append("  ".repeat(depth)).append(bracket).toString();
  }

  static String number(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      return "null";
    }
    // Six decimals keep microsecond latencies and typed ratios exact, without an exponent.
    String fixed = String.format(Locale.ROOT, "%.6f", value);
    return fixed.replaceAll("0+$", "").replaceAll("\\.$", "");
  }

  static String quote(String text) {
    StringBuilder quoted = new StringBuilder("\"");
    for (char c : text.toCharArray()) {
      switch (c) {
        case '"':
          quoted.append("\\\"");
          break;
        case '\\':
          quoted.append("\\\\");
          break;
        case '\n':
          quoted.append("\\n");
          break;
        case '\r':
          quoted.append("\\r");
          break;
        case '\t':
          quoted.append("\\t");
          break;
        default:
          if (c < 0x20) {
            quoted.append(String.format("\\u%04x", (int) c));
          } else {
            quoted.append(c);
          }
      }
    }
    return quoted.append('"').toString();
  }
}
