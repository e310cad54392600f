package io.dynakv.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.AsyncAppender;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.rolling.RollingFileAppender;
import ch.qos.logback.core.rolling.SizeAndTimeBasedRollingPolicy;
import ch.qos.logback.core.status.Status;
import ch.qos.logback.core.util.StatusPrinter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import io.dynakv.node.ConfigValidation;
import io.dynakv.node.NodeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged logback.xml, configured as Main configures it (on a logger context of the
 * test's own): node.log rolls by size and day under its caps, and with {@code
 * dynakv.log.format = json} every line of it is a JSON object.
 */
class LogFilesTest {

  private static final String SERVER_DEFAULTS = "dynakv-server.conf";
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path dataDir;

  private Config config(String settings) {
    return NodeConfig.load(
        ConfigFactory.parseString(settings + "\ndynakv.node.data-dir = \"" + dataDir + "\""), SERVER_DEFAULTS);
  }

  /** logback.xml from the server's resources, given the properties Main would publish. */
  private static LoggerContext configured(LogSettings settings) throws Exception {
    LoggerContext context = new LoggerContext();
    settings.properties("node-7").forEach(context::putProperty);
    JoranConfigurator configurator = new JoranConfigurator();
    configurator.setContext(context);
    configurator.doConfigure(Main.class.getResource("/logback.xml"));
    List<Status> problems =
        context.getStatusManager().getCopyOfStatusList().stream()
            .filter(s -> s.getEffectiveLevel() >= Status.WARN)
            .toList();
    if (!problems.isEmpty()) {
      StatusPrinter.print(context);
    }
    assertThat(problems).as("logback's warnings and errors while configuring").isEmpty();
    return context;
  }

  private static Appender<?> nodeLogAppender(LoggerContext context) {
    AsyncAppender async = (AsyncAppender) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("ASYNC");
    return async.getAppender("FILE");
  }

  @Test
  void byDefaultNodeLogIsTextInTheDataDirRolledAt100MiBAndKept14DaysUpTo2GiB() {
    LogSettings settings = LogSettings.create(config(""));
    assertThat(settings)
        .isEqualTo(new LogSettings(dataDir.toAbsolutePath(), "text", 100L << 20, 14, 2L << 30));
  }

  @Test
  void jsonFormatWritesEveryLineOfNodeLogAsAJsonObject() throws Exception {
    LoggerContext context = configured(LogSettings.create(config("dynakv.log.format = json")));
    org.slf4j.Logger log = context.getLogger("io.dynakv.test");
    log.info("node {} serving HTTP", "node-7");
    log.warn("a \"quoted\"\nmulti-line message");
    log.error("failed", new IllegalStateException("boom"));
    context.stop();

    List<String> lines = Files.readAllLines(dataDir.resolve("node.log"));
    assertThat(lines).hasSize(3);
    for (String line : lines) {
      JsonNode event = JSON.readTree(line);
      assertThat(event.isObject()).as(line).isTrue();
      assertThat(event.path("node").asText()).isEqualTo("node-7");
      assertThat(event.has("@timestamp")).isTrue();
      assertThat(event.path("logger_name").asText()).isEqualTo("io.dynakv.test");
    }
    assertThat(JSON.readTree(lines.get(0)).path("message").asText()).isEqualTo("node node-7 serving HTTP");
    assertThat(JSON.readTree(lines.get(1)).path("message").asText()).isEqualTo("a \"quoted\"\nmulti-line message");
    JsonNode error = JSON.readTree(lines.get(2));
    assertThat(error.path("level").asText()).isEqualTo("ERROR");
    assertThat(error.path("stack_trace").asText()).contains("IllegalStateException: boom");
  }

  @Test
  void nodeLogRollsOverAtItsMaximumSizeIntoGzippedFilesOfTheDay() throws Exception {
    LoggerContext context =
        configured(
            LogSettings.create(
                config("dynakv.log { max-file-size = 2KiB, max-history = 3, total-size-cap = 1MiB }")));
    try {
      Appender<?> file = nodeLogAppender(context);
      assertThat(file).isInstanceOf(RollingFileAppender.class);
      RollingFileAppender<?> rolling = (RollingFileAppender<?>) file;
      assertThat(rolling.getFile()).isEqualTo(dataDir.resolve("node.log").toString());
      assertThat(rolling.getRollingPolicy()).isInstanceOf(SizeAndTimeBasedRollingPolicy.class);
      SizeAndTimeBasedRollingPolicy<?> policy = (SizeAndTimeBasedRollingPolicy<?>) rolling.getRollingPolicy();
      assertThat(policy.getMaxHistory()).isEqualTo(3);

      org.slf4j.Logger log = context.getLogger("io.dynakv.test");
      // The size is checked every few events (logback's invocation gate), so log until it rolls.
      // The assertion looks at the listing that showed a rolled file: listing again raced with
      // logback's asynchronous compression and cleanup once (an empty list in CI).
      AtomicReference<List<Path>> rolled = new AtomicReference<>(List.of());
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                for (int i = 0; i < 200; i++) {
                  log.info("line {} of a log that outgrows two kibibytes quickly", i);
                }
                rolled.set(rolledFiles());
                return !rolled.get().isEmpty();
              });
      assertThat(rolled.get().get(0).getFileName().toString()).matches("node\\.\\d{4}-\\d{2}-\\d{2}\\.\\d+\\.log\\.gz");
    } finally {
      context.stop();
    }
  }

  private List<Path> rolledFiles() throws Exception {
    try (Stream<Path> files = Files.list(dataDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".log.gz")).sorted().toList();
    }
  }

  @Test
  void logSettingsOutOfRangeAreRefusedWithTheNodesOthers() {
    Config config = config("dynakv.log { format = xml, max-history = 0 }\ndynakv.log.max-file-sise = 1MiB");
    assertThat(LogSettings.validation(ConfigValidation.forNode())
            .problems(config, NodeConfig.defaults(SERVER_DEFAULTS)))
        .containsExactly(
            "unknown key dynakv.log.max-file-sise, set in String: 2 (did you mean dynakv.log.max-file-size?)",
            "dynakv.log.format = \"xml\", set in String: 1: must be one of text, json",
            "dynakv.log.max-history = 0, set in String: 1: must be at least 1");
  }
}
