package io.dynakv.node;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;

class NodeSettingsTest {

  @Test
  void theDefaultGraceOutlastsTheLatestRequestDeadlineAndAHandoffPoll() {
    NodeSettings settings = NodeSettings.create(NodeConfig.load());
    assertThat(settings.tombstones().grace())
        .isGreaterThan(settings.maxRequestTimeout().plus(settings.handoff().interval()));
  }

  @Test
  void aGraceNoLongerThanTheLatestRequestDeadlinePlusAHandoffPollIsRefused() {
    var config =
        NodeConfig.load(
            ConfigFactory.parseString(
                "dynakv.tombstones.grace = 62s\n"
                    + "dynakv.request.max-timeout = 60s\n"
                    + "dynakv.handoff.interval = 2s\n"));
    assertThatThrownBy(() -> NodeSettings.create(config))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("dynakv.tombstones.grace")
        .hasMessageContaining("dynakv.request.max-timeout")
        .hasMessageContaining("dynakv.handoff.interval")
        .hasMessageNotContaining("\n");
  }
}
