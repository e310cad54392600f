package io.dynakv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class ConfigValidationTest {

  private static final Config DEFAULTS = NodeConfig.defaults();
  private static final ConfigValidation VALIDATION = ConfigValidation.forNode();

  /** The operator's file, named dynakv.conf, over the defaults. */
  private static Config withFile(String text) {
    return ConfigFactory.parseString(text, ConfigParseOptions.defaults().setOriginDescription("dynakv.conf"))
        .withFallback(DEFAULTS)
        .resolve();
  }

  private static List<String> problems(String text) {
    return VALIDATION.problems(withFile(text), DEFAULTS);
  }

  @Test
  void theDefaultsHaveNoProblems() {
    assertThat(VALIDATION.problems(DEFAULTS, DEFAULTS)).isEmpty();
    assertThat(VALIDATION.problems(NodeConfig.load(), DEFAULTS)).isEmpty();
  }

  @Test
  void aMisspeltKeyIsNamedWithTheKnownKeyNearestInSpelling() {
    assertThat(problems("dynakv.handof.interval = 3s"))
        .containsExactly(
            "unknown key dynakv.handof.interval, set in dynakv.conf: 1 (did you mean dynakv.handoff.interval?)");
  }

  @Test
  void aKeyInTheWrongSectionOrFarFromAnyKnownOneGetsNoSuggestion() {
    assertThat(problems("dynakv {\n  replication { factor = 3 }\n}"))
        .containsExactly("unknown key dynakv.replication.factor, set in dynakv.conf: 2");
  }

  @Test
  void keysOutsideDynakvAreNotCheckedForSpelling() {
    assertThat(problems("akka.loglevel = DEBUG\nsomething.else = 1")).isEmpty();
  }

  @Test
  void aSectionReplacedByASingleValueIsRefused() {
    assertThat(problems("dynakv.anti-entropy = off"))
        .containsExactly("dynakv.anti-entropy, set in dynakv.conf: 1: must be an object (dynakv.anti-entropy { ... })");
  }

  @Test
  void valuesOutOfRangeNameTheKeyTheValueAndTheRule() {
    assertThat(problems("dynakv.ring.partitions = 100"))
        .containsExactly(
            "dynakv.ring.partitions = 100, set in dynakv.conf: 1: must be a power of two between 1 and 1048576");
    assertThat(problems("dynakv.http.port = 70000"))
        .containsExactly("dynakv.http.port = 70000, set in dynakv.conf: 1: must be a port in 1..65535");
    assertThat(problems("dynakv.handoff.interval = -2s"))
        .containsExactly("dynakv.handoff.interval = \"-2s\", set in dynakv.conf: 1: must be positive");
    assertThat(problems("dynakv.storage.cache-size = 0"))
        .containsExactly("dynakv.storage.cache-size = 0, set in dynakv.conf: 1: must be positive");
    assertThat(problems("dynakv.admission.min-share = 1.5"))
        .containsExactly(
            "dynakv.admission.min-share = 1.5, set in dynakv.conf: 1: must be greater than 0 and at most 1");
    assertThat(problems("dynakv.storage.sync = always"))
        .containsExactly(
            "dynakv.storage.sync = \"always\", set in dynakv.conf: 1: must be one of batch, periodic, none");
    assertThat(problems("dynakv.node.id = \"node 1\""))
        .singleElement()
        .asString()
        .startsWith("dynakv.node.id = \"node 1\", set in dynakv.conf: 1: must be 1 to 64 of the characters");
  }

  @Test
  void aValueOfTheWrongTypeSaysWhatWasExpected() {
    assertThat(problems("dynakv.request.timeout = soon"))
        .containsExactly(
            "dynakv.request.timeout = \"soon\", set in dynakv.conf: 1: must be a positive duration such as 10s");
    assertThat(problems("dynakv.handoff.batch-size = many"))
        .containsExactly("dynakv.handoff.batch-size = \"many\", set in dynakv.conf: 1: must be a whole number");
    assertThat(problems("dynakv.anti-entropy.enabled = maybe"))
        .containsExactly(
            "dynakv.anti-entropy.enabled = \"maybe\", set in dynakv.conf: 1: must be on or off (true or false)");
  }

  @Test
  void theObjectCapLiesBetweenTheValueLimitAndTheRemotingFrame() {
    assertThat(problems("dynakv.limits.max-object-bytes = 4MiB"))
        .containsExactly(
            "dynakv.limits.max-object-bytes = \"4MiB\", set in dynakv.conf: 1: must be at least 1048576 bytes"
                + " below akka.remote.artery.advanced.maximum-frame-size (4MiB)");
    assertThat(problems("dynakv.limits { max-value-bytes = 2MiB, max-object-bytes = 1MiB }"))
        .containsExactly(
            "dynakv.limits.max-object-bytes = \"1MiB\", set in dynakv.conf: 1: must be at least"
                + " dynakv.limits.max-value-bytes (2MiB)");
    assertThat(problems("dynakv.limits.max-object-bytes = 7MiB\nakka.remote.artery.advanced.maximum-frame-size = 8MiB"))
        .isEmpty();
  }

  @Test
  void quorumsMayNotExceedTheReplicaCountNorTheDefaultDeadlineTheLargest() {
    assertThat(problems("dynakv.defaults { n = 2, r = 3 }"))
        .containsExactly("dynakv.defaults.r = 3, set in dynakv.conf: 1: must not exceed dynakv.defaults.n (2)");
    assertThat(problems("dynakv.request { timeout = 90s, max-timeout = 60s }"))
        .containsExactly(
            "dynakv.request.timeout = \"90s\", set in dynakv.conf: 1: must not exceed dynakv.request.max-timeout (60s)");
  }

  @Test
  void seedsMustBeAddressesOfTheDynakvActorSystem() {
    assertThat(problems("akka.cluster.seed-nodes = [\"akka://dynakv@10.0.0.1:2551\", \"akka://dynakv@db-2.example:2551\"]"))
        .isEmpty();
    assertThat(problems("akka.cluster.seed-nodes = [\"akka://ClusterSystem@10.0.0.1:2551\"]"))
        .singleElement()
        .asString()
        .startsWith("akka.cluster.seed-nodes = [\"akka://ClusterSystem@10.0.0.1:2551\"], set in dynakv.conf: 1:")
        .endsWith("must be a list of addresses like \"akka://dynakv@host:2551\"");
    assertThat(problems("akka.remote.artery.canonical.port = abc"))
        .containsExactly("akka.remote.artery.canonical.port = \"abc\", set in dynakv.conf: 1: must be a port number");
  }

  @Test
  void admittedNodesAreNodeIdsAndMayBeGivenElementByElementAsSystemProperties() {
    assertThat(problems("dynakv.cluster.admitted-nodes = [node-1, node-2]")).isEmpty();
    assertThat(problems("dynakv.cluster.admitted-nodes = [\"node 1\"]"))
        .singleElement()
        .asString()
        .startsWith("dynakv.cluster.admitted-nodes = [\"node 1\"]")
        .endsWith("must be a list of node ids like [\"node-1\", \"node-2\"]");
    Properties properties = new Properties();
    properties.setProperty("dynakv.cluster.admitted-nodes.0", "node-1");
    properties.setProperty("dynakv.cluster.admitted-nodes.1", "node-2");
    Config config =
        ConfigFactory.parseProperties(
                properties, ConfigParseOptions.defaults().setOriginDescription("system properties"))
            .withFallback(DEFAULTS)
            .resolve();
    assertThat(VALIDATION.problems(config, DEFAULTS)).isEmpty();
    assertThat(NodeSettings.create(config).admittedNodes()).containsExactly("node-1", "node-2");
    properties.setProperty("dynakv.cluster.admitted-nodes.2", "no/such id");
    assertThat(
            VALIDATION.problems(
                ConfigFactory.parseProperties(properties).withFallback(DEFAULTS).resolve(), DEFAULTS))
        .singleElement()
        .asString()
        .startsWith("dynakv.cluster.admitted-nodes = ");
  }

  @Test
  void everyProblemIsReportedOnOneLine() {
    Config config = withFile("dynakv.ring.partitons = 64\ndynakv.http.port = 0\n");
    assertThatThrownBy(() -> VALIDATION.requireValid(config, DEFAULTS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "unknown key dynakv.ring.partitons, set in dynakv.conf: 1 (did you mean dynakv.ring.partitions?);"
                + " dynakv.http.port = 0, set in dynakv.conf: 2: must be a port in 1..65535");
  }

  @Test
  void systemPropertiesAreNamedAsTheirOrigin() {
    Properties properties = new Properties();
    properties.setProperty("dynakv.handoff.batchsize", "10");
    Config config =
        ConfigFactory.parseProperties(
                properties, ConfigParseOptions.defaults().setOriginDescription("system properties"))
            .withFallback(DEFAULTS);
    assertThat(VALIDATION.problems(config, DEFAULTS))
        .containsExactly(
            "unknown key dynakv.handoff.batchsize, set in system properties (did you mean dynakv.handoff.batch-size?)");
  }

  @Test
  void everySettingANodeKnowsHasACheck() {
    Set<String> unchecked = new TreeSet<>();
    DEFAULTS.getConfig("dynakv").entrySet().forEach(e -> unchecked.add("dynakv." + e.getKey()));
    unchecked.removeAll(VALIDATION.checkedPaths());
    // Derived from dynakv.node.id, never set by an operator.
    unchecked.remove("dynakv.node-role");
    unchecked.remove("dynakv.http-role");
    assertThat(unchecked).as("settings without a range check in ConfigValidation.forNode()").isEmpty();
  }
}
