package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationConverterTest {

  @Test
  void readsTheUsualSpellings() {
    assertThat(DurationConverter.parse("60s")).isEqualTo(Duration.ofSeconds(60));
    assertThat(DurationConverter.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationConverter.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationConverter.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationConverter.parse("1.5s")).isEqualTo(Duration.ofMillis(1500));
    assertThat(DurationConverter.parse("0")).isEqualTo(Duration.ZERO);
  }

  @Test
  void aBareNumberIsSeconds() {
    assertThat(DurationConverter.parse("30")).isEqualTo(Duration.ofSeconds(30));
  }

  @Test
  void acceptsIso8601() {
    assertThat(DurationConverter.parse("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void rejectsAnythingElseNamingTheAcceptedForms() {
    assertThatThrownBy(() -> DurationConverter.parse("soon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("60s");
    assertThatThrownBy(() -> DurationConverter.parse("-5s")).isInstanceOf(IllegalArgumentException.class);
  }
}
