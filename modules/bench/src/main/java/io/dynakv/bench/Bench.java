package io.dynakv.bench;

import io.dynakv.client.Routing;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The {@code dynakv-bench} command: reads the options, runs the load, prints the summary. */
@Command(
    name = "dynakv-bench",
    mixinStandardHelpOptions = true,
    version = "dynakv-bench 0.1.0",
    sortOptions = false,
    description = {
      "Drives the dynakv HTTP API with a mix of reads, updates and inserts and reports,"
          + " per operation type, throughput, errors by kind and latency percentiles.",
      "Without --rate it runs a closed loop (each thread sends its next request when the"
          + " previous one answered); with --rate an open loop on a fixed schedule, measuring"
          + " latency from each operation's intended start (coordinated-omission correct).",
      "It stops by itself after --warmup + --duration; Ctrl-C stops early and still prints"
          + " what was measured.",
      ""
    })
public final class Bench implements Callable<Integer> {

  /** Past the client timeout, how long the Ctrl-C hook waits for the report to be printed. */
  private static final long REPORT_GRACE_MILLIS = 5_000;

  @Spec private CommandSpec spec;

  @Option(
      names = "--targets",
      required = true,
      split = ",",
      paramLabel = "URL",
      description = "Comma-separated base URLs of the nodes, e.g. http://127.0.0.1:8081,http://127.0.0.1:8082.")
  private List<String> targets;

  @Option(
      names = "--routing",
      defaultValue = "client",
      converter = RoutingConverter.class,
      description =
          "client: each request to the first reachable node of its key's preference list, computed"
              + " from the ring (no forwarding hop); any-node: to the targets in turn (default: client).")
  private Routing routing;

  @Option(names = "--bucket", defaultValue = "bench", description = "Bucket to use (default: ${DEFAULT-VALUE}).")
  private String bucket;

  @Option(names = "--keys", defaultValue = "10000", description = "Size of the key space read and updated (default: ${DEFAULT-VALUE}).")
  private int keys;

  @Option(names = "--value-size", defaultValue = "1024", paramLabel = "BYTES", description = "Bytes per written value (default: ${DEFAULT-VALUE}).")
  private int valueSize;

  @Option(names = "--read", defaultValue = "0.5", paramLabel = "RATIO", description = "Fraction of reads: a GET (default: ${DEFAULT-VALUE}).")
  private double read;

  @Option(
      names = "--update",
      defaultValue = "0.5",
      paramLabel = "RATIO",
      description =
          "Fraction of updates: a GET for the key's context, then a PUT carrying it (default:"
              + " ${DEFAULT-VALUE}). An update's latency is its PUT only (plus any lag behind the"
              + " --rate schedule); its GET is neither timed nor counted as a read. A failed GET"
              + " counts as an update error of kind get-<kind>.")
  private double update;

  @Option(
      names = "--insert",
      defaultValue = "0",
      paramLabel = "RATIO",
      description = "Fraction of inserts: a PUT without context of a key new to this run (default: ${DEFAULT-VALUE}). --read, --update and --insert must add up to 1.")
  private double insert;

  @Option(
      names = "--distribution",
      defaultValue = "uniform",
      converter = KeyDistributionConverter.class,
      description = "Key popularity: uniform or zipfian (hot keys scattered over the key space) (default: ${DEFAULT-VALUE}).")
  private KeyDistribution distribution;

  @Option(names = "--zipf-exponent", defaultValue = "0.99", description = "Exponent of the zipfian distribution (default: ${DEFAULT-VALUE}).")
  private double zipfExponent;

  @Option(names = "--threads", defaultValue = "16", description = "Worker threads (default: ${DEFAULT-VALUE}).")
  private int threads;

  @Option(
      names = "--duration",
      defaultValue = "60s",
      converter = DurationConverter.class,
      description = "Measured interval, after the warm-up: 60s, 500ms, 2m, 1h (default: ${DEFAULT-VALUE}).")
  private Duration duration;

  @Option(
      names = "--warmup",
      defaultValue = "30s",
      converter = DurationConverter.class,
      description = "Load before measuring; its results are discarded (default: ${DEFAULT-VALUE}).")
  private Duration warmup;

  @Option(
      names = "--rate",
      paramLabel = "OPS_PER_S",
      description = "Total operations per second, on a fixed schedule (open loop). Without it: closed loop, as fast as the threads go.")
  private Double rate;

  @Option(names = "--r", description = "Read quorum, sent as ?r= on every GET (default: the bucket's).")
  private Integer r;

  @Option(names = "--w", description = "Write quorum, sent as ?w= on every PUT (default: the bucket's).")
  private Integer w;

  @Option(names = "--server-timeout-ms", paramLabel = "MS", description = "Sent as ?timeout= on every request (default: the node's).")
  private Integer serverTimeoutMs;

  @Option(
      names = "--timeout-ms",
      defaultValue = "5000",
      paramLabel = "MS",
      description = "Client-side timeout per request; an expired one counts as a 'timeout' error (default: ${DEFAULT-VALUE}).")
  private int timeoutMs;

  @Option(
      names = "--preload",
      description = "Before the warm-up, write every key once (read for its context, then PUT) so reads find values.")
  private boolean preload;

  @Option(names = "--seed", description = "Seed of every random choice (default: random, printed in the report).")
  private Long seed;

  @Option(names = "--json", paramLabel = "FILE", description = "Also write the summary as JSON to FILE.")
  private Path json;

  public static void main(String[] args) {
    System.exit(new CommandLine(new Bench()).execute(args));
  }

  @Override
  public Integer call() throws InterruptedException, IOException {
    BenchSettings settings = settings();
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    DynakvKvClient client = DynakvKvClient.create(settings.client());
    LoadRun run = new LoadRun(settings, client, System.err);
    CountDownLatch reported = new CountDownLatch(1);
    Thread onCtrlC =
        new Thread(
            () -> {
              run.stop();
              try {
                // The JVM exits when this hook returns: hold it until the report is out.
                reported.await(timeoutMs + REPORT_GRACE_MILLIS, TimeUnit.MILLISECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "bench-ctrl-c");
    Runtime.getRuntime().addShutdownHook(onCtrlC);
    try {
      RunSummary summary = run.execute();
      out.print(TextReport.render(summary));
      if (json != null) {
        Files.writeString(json, JsonReport.render(summary), StandardCharsets.UTF_8);
        out.println("JSON summary written to " + json);
      }
      out.flush();
    } finally {
      client.close();
      reported.countDown();
    }
    return 0;
  }

  /** Validates the options and gathers them; a bad value is a usage error (exit code 2). */
  BenchSettings settings() {
    OperationMix mix;
    try {
      mix = OperationMix.of(read, update, insert);
    } catch (IllegalArgumentException e) {
      throw usage(e.getMessage());
    }
    require(keys >= 1, "--keys must be at least 1");
    require(valueSize >= 0, "--value-size must be >= 0");
    require(zipfExponent > 0, "--zipf-exponent must be > 0");
    require(threads >= 1, "--threads must be at least 1");
    require(!duration.isNegative() && !duration.isZero(), "--duration must be positive");
    require(!warmup.isNegative(), "--warmup must not be negative");
    require(rate == null || (rate > 0 && !rate.isInfinite()), "--rate must be a positive number");
    require(r == null || r >= 1, "--r must be at least 1");
    require(w == null || w >= 1, "--w must be at least 1");
    require(serverTimeoutMs == null || serverTimeoutMs >= 1, "--server-timeout-ms must be at least 1");
    require(timeoutMs >= 1, "--timeout-ms must be at least 1");
    require(!bucket.isBlank(), "--bucket must not be blank");

    Workload workload = new Workload(bucket, keys, valueSize, mix, distribution, zipfExponent);
    Pacing pacing =
        new Pacing(threads, warmup, duration, rate == null ? OptionalDouble.empty() : OptionalDouble.of(rate));
    ClientSettings client =
        new ClientSettings(
            targetUris(),
            routing,
            optional(r),
            optional(w),
            optional(serverTimeoutMs),
            Duration.ofMillis(timeoutMs));
    long runSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong();
    return new BenchSettings(workload, pacing, client, preload, runSeed);
  }

  private List<URI> targetUris() {
    List<URI> uris = new ArrayList<>();
    for (String target : targets) {
      String trimmed = target.trim();
      while (trimmed.endsWith("/")) {
        trimmed = trimmed.substring(0, trimmed.length() - 1);
      }
      if (trimmed.isEmpty()) {
        continue;
      }
      URI uri;
      try {
        uri = URI.create(trimmed);
      } catch (IllegalArgumentException e) {
        throw usage("--targets: '" + target + "' is not a URL");
      }
      boolean http = "http".equals(uri.getScheme()) || "https".equals(uri.getScheme());
      require(http && uri.getHost() != null, "--targets: '" + target + "' is not an http(s)://host:port URL");
      uris.add(uri);
    }
    require(!uris.isEmpty(), "--targets must name at least one node");
    return List.copyOf(uris);
  }

  private static OptionalInt optional(Integer value) {
    return value == null ? OptionalInt.empty() : OptionalInt.of(value);
  }

  private void require(boolean condition, String message) {
    if (!condition) {
      throw usage(message);
    }
  }

  private ParameterException usage(String message) {
    return new ParameterException(spec.commandLine(), message);
  }

  /** Lets picocli accept the spellings {@link ClientSettings#parseRouting} does. */
  static final class RoutingConverter implements CommandLine.ITypeConverter<Routing> {
    @Override
    public Routing convert(String value) {
      return ClientSettings.parseRouting(value);
    }
  }

  /** Lets picocli accept the spellings {@link KeyDistribution#parse} does. */
  static final class KeyDistributionConverter implements CommandLine.ITypeConverter<KeyDistribution> {
    @Override
    public KeyDistribution convert(String value) {
      return KeyDistribution.parse(value);
    }
  }
}
