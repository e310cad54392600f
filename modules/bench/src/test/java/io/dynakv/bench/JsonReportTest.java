package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

class JsonReportTest {

  private final ObjectMapper mapper = new ObjectMapper();

  @Test
  void theSummaryIsValidJsonWithParametersAndPerOperationResults() throws Exception {
    JsonNode json = mapper.readTree(JsonReport.render(TestSummaries.closedLoop()));

    assertThat(json.get("mode").asText()).isEqualTo("closed");
    assertThat(json.get("rate").isNull()).isTrue();
    assertThat(json.get("threads").asInt()).isEqualTo(16);
    assertThat(json.get("targets")).hasSize(2);
    assertThat(json.get("routing").asText()).isEqualTo("any-node");
    assertThat(json.get("mix").get("update").asDouble()).isEqualTo(0.5);
    assertThat(json.get("measuredSeconds").asDouble()).isEqualTo(60.0);

    JsonNode update = json.get("operations").get("update");
    assertThat(update.get("count").asLong()).isEqualTo(315);
    assertThat(update.get("errorsByKind").get("503").asLong()).isEqualTo(12);
    assertThat(update.get("throughput").asDouble()).isEqualTo(5.0);
    assertThat(update.get("latencyMs").get("p99.9").asDouble()).isEqualTo(1.5);
    assertThat(json.get("operations").get("insert").get("latencyMs").get("p50").isNull()).isTrue();
    assertThat(json.get("total").get("ok").asLong()).isEqualTo(900);
    assertThat(json.get("preload").get("ok").asLong()).isEqualTo(1);
  }

  @Test
  void anOpenLoopRunReportsItsRateAndUnstartedOperations() throws Exception {
    RunSummary closed = TestSummaries.closedLoop();
    RunSummary open =
        new RunSummary(
            TestSummaries.settings(OptionalDouble.of(2500.5)),
            Optional.empty(),
            closed.operations(),
            closed.total(),
            59.25,
            true,
            OptionalLong.of(7));

    JsonNode json = mapper.readTree(JsonReport.render(open));

    assertThat(json.get("mode").asText()).isEqualTo("open");
    assertThat(json.get("rate").asDouble()).isEqualTo(2500.5);
    assertThat(json.get("unstarted").asLong()).isEqualTo(7);
    assertThat(json.get("interrupted").asBoolean()).isTrue();
    assertThat(json.has("preload")).isFalse();
  }

  @Test
  void stringsAreEscaped() throws Exception {
    String quoted = JsonReport.quote("a\"b\\c\nd\u0001");

    assertThat(mapper.readTree(quoted).asText()).isEqualTo("a\"b\\c\nd\u0001");
  }

  @Test
  void numbersHaveNoExponentAndNoTrailingZeros() {
    assertThat(JsonReport.number(60)).isEqualTo("60");
    assertThat(JsonReport.number(1.234)).isEqualTo("1.234");
    assertThat(JsonReport.number(1234567.5)).isEqualTo("1234567.5");
    assertThat(JsonReport.number(Double.NaN)).isEqualTo("null");
  }
}
