package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchOptionsTest {

  @Test
  void theStandardReportCommandParsesToItsSettings() {
    BenchSettings settings =
        parse(
            "--targets", "http://127.0.0.1:8081,http://127.0.0.1:8082/,http://127.0.0.1:8083",
            "--value-size", "1024", "--read", "0.5", "--update", "0.5",
            "--duration", "60s", "--warmup", "30s", "--preload");

    assertThat(settings.client().targets())
        .containsExactly(
            URI.create("http://127.0.0.1:8081"), URI.create("http://127.0.0.1:8082"), URI.create("http://127.0.0.1:8083"));
    assertThat(settings.workload().valueSize()).isEqualTo(1024);
    assertThat(settings.workload().mix().ratio(OperationType.UPDATE)).isEqualTo(0.5);
    assertThat(settings.pacing().duration()).isEqualTo(Duration.ofSeconds(60));
    assertThat(settings.pacing().warmup()).isEqualTo(Duration.ofSeconds(30));
    assertThat(settings.pacing().isOpenLoop()).isFalse();
    assertThat(settings.preload()).isTrue();
  }

  @Test
  void defaultsAreTheDocumentedOnes() {
    BenchSettings settings = parse("--targets", "http://n:1", "--seed", "3");

    assertThat(settings.workload().bucket()).isEqualTo("bench");
    assertThat(settings.workload().keys()).isEqualTo(10_000);
    assertThat(settings.workload().distribution()).isEqualTo(KeyDistribution.UNIFORM);
    assertThat(settings.workload().zipfExponent()).isEqualTo(0.99);
    assertThat(settings.pacing().threads()).isEqualTo(16);
    assertThat(settings.client().timeout()).isEqualTo(Duration.ofMillis(5000));
    assertThat(settings.client().r()).isEmpty();
    assertThat(settings.client().routing()).isEqualTo(io.dynakv.client.Routing.CLIENT_DRIVEN);
    assertThat(settings.preload()).isFalse();
    assertThat(settings.seed()).isEqualTo(3);
  }

  @Test
  void rateQuorumsAndDistributionAreTakenWhenGiven() {
    BenchSettings settings =
        parse(
            "--targets", "http://n:1", "--rate", "2000", "--r", "2", "--w", "3",
            "--distribution", "zipfian", "--routing", "any-node", "--server-timeout-ms", "900");

    assertThat(settings.pacing().rate()).hasValue(2000.0);
    assertThat(settings.client().r()).hasValue(2);
    assertThat(settings.client().w()).hasValue(3);
    assertThat(settings.client().serverTimeoutMs()).hasValue(900);
    assertThat(settings.workload().distribution()).isEqualTo(KeyDistribution.ZIPFIAN);
    assertThat(settings.client().routing()).isEqualTo(io.dynakv.client.Routing.ANY_NODE);
  }

  @Test
  void badValuesAreUsageErrors() {
    assertThat(exitCode("--targets", "http://n:1", "--read", "0.9")).isEqualTo(2);
    assertThat(exitCode("--targets", "ftp://n:1")).isEqualTo(2);
    assertThat(exitCode("--targets", "http://n:1", "--threads", "0")).isEqualTo(2);
    assertThat(exitCode("--targets", "http://n:1", "--rate", "-1")).isEqualTo(2);
    assertThat(exitCode("--targets", "http://n:1", "--duration", "0s")).isEqualTo(2);
    assertThat(exitCode("--targets", "http://n:1", "--distribution", "pareto")).isEqualTo(2);
    assertThat(exitCode("--targets", "http://n:1", "--routing", "random")).isEqualTo(2);
    assertThat(exitCode("--value-size", "10")).isEqualTo(2);
  }

  @Test
  void helpExplainsHowUpdatesAreTimed() {
    StringWriter help = new StringWriter();
    new CommandLine(new Bench()).setOut(new PrintWriter(help)).execute("--help");

    assertThat(help.toString()).contains("latency is its PUT only").contains("coordinated-omission");
  }

  private static BenchSettings parse(String... args) {
    Bench bench = new Bench();
    new CommandLine(bench).parseArgs(args);
    return bench.settings();
  }

  /** Runs only as far as validation: every case here fails before any request is sent. */
  private static int exitCode(String... args) {
    CommandLine commandLine = new CommandLine(new Bench());
    commandLine.setErr(new PrintWriter(new StringWriter()));
    commandLine.setOut(new PrintWriter(new StringWriter()));
    return commandLine.execute(args);
  }
}
