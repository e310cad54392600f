package io.dynakv.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ExitCodeTest {

  @Test
  void successesAndSiblingsAreZero() {
    assertThat(ExitCode.forStatus(200)).isZero();
    assertThat(ExitCode.forStatus(202)).isZero();
    assertThat(ExitCode.forStatus(204)).isZero();
    assertThat(ExitCode.forStatus(300)).isZero();
  }

  @Test
  void badInputIsAUsageError() {
    assertThat(ExitCode.forStatus(400)).isEqualTo(ExitCode.USAGE);
    assertThat(ExitCode.forStatus(413)).isEqualTo(ExitCode.USAGE);
  }

  @Test
  void notFoundIsFour() {
    assertThat(ExitCode.forStatus(404)).isEqualTo(ExitCode.NOT_FOUND);
  }

  @Test
  void quorumNotMetAndTimeoutsAreUnavailable() {
    assertThat(ExitCode.forStatus(503)).isEqualTo(ExitCode.UNAVAILABLE);
    assertThat(ExitCode.forStatus(504)).isEqualTo(ExitCode.UNAVAILABLE);
  }

  @Test
  void refusalsAndOtherErrorsAreFailures() {
    assertThat(ExitCode.forStatus(409)).isEqualTo(ExitCode.FAILED);
    assertThat(ExitCode.forStatus(500)).isEqualTo(ExitCode.FAILED);
    assertThat(ExitCode.forStatus(405)).isEqualTo(ExitCode.FAILED);
  }
}
