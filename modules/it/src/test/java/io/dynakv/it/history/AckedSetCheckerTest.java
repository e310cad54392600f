package io.dynakv.it.history;

import static io.dynakv.it.history.Operation.Outcome.FAIL;
import static io.dynakv.it.history.Operation.Outcome.OK;
import static io.dynakv.it.history.Operation.Outcome.UNKNOWN;
import static io.dynakv.it.history.Ops.add;
import static org.assertj.core.api.Assertions.assertThat;

import io.dynakv.it.history.AckedSetChecker.Element;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AckedSetCheckerTest {

  @Test
  void everyAcknowledgedElementFoundIsValid() {
    var result =
        AckedSetChecker.check(
            List.of(add("a", "1", 0, 1, OK), add("a", "2", 2, 3, OK), add("b", "3", 0, 5, OK)),
            Map.of("a", Set.of("1", "2"), "b", Set.of("3")));

    assertThat(result.valid()).isTrue();
    assertThat(result.attempted()).isEqualTo(3);
    assertThat(result.acknowledged()).isEqualTo(3);
    assertThat(result.found()).isEqualTo(3);
    assertThat(result.ackRate()).isEqualTo(1.0);
    assertThat(result.lost()).isEmpty();
  }

  @Test
  void aLostAcknowledgedElementMakesTheHistoryInvalid() {
    var result =
        AckedSetChecker.check(
            List.of(add("a", "1", 0, 1, OK), add("a", "2", 2, 3, OK)), Map.of("a", Set.of("2")));

    assertThat(result.valid()).isFalse();
    assertThat(result.lost()).containsExactly(new Element("a", "1"));
    assertThat(result.summary()).contains("lost 1 [a/1]");
  }

  @Test
  void anElementOfUnknownOutcomeMayOrMayNotBeThere() {
    var result =
        AckedSetChecker.check(
            List.of(
                add("a", "1", 0, 1, OK),
                add("a", "2", 0, 9, UNKNOWN),
                add("a", "3", 0, 9, UNKNOWN)),
            Map.of("a", Set.of("1", "2")));

    assertThat(result.valid()).isTrue();
    assertThat(result.unacknowledgedFound()).containsExactly(new Element("a", "2"));
    assertThat(result.ackRate()).isEqualTo(1.0 / 3);
  }

  @Test
  void anElementWhoseAddDefinitelyFailedMustNotBeThere() {
    var result =
        AckedSetChecker.check(List.of(add("a", "1", 0, 1, FAIL)), Map.of("a", Set.of("1")));

    assertThat(result.valid()).isFalse();
    assertThat(result.failedFound()).containsExactly(new Element("a", "1"));
  }

  @Test
  void anElementNobodyAddedIsUnexpected() {
    var result =
        AckedSetChecker.check(List.of(add("a", "1", 0, 1, OK)), Map.of("a", Set.of("1", "ghost")));

    assertThat(result.valid()).isFalse();
    assertThat(result.unexpected()).containsExactly(new Element("a", "ghost"));
  }

  @Test
  void anElementIsAcknowledgedIfAnyOfItsAddsWas() {
    var history =
        List.of(add("a", "1", 0, 1, UNKNOWN), add("a", "1", 2, 3, OK), add("a", "1", 4, 5, FAIL));

    assertThat(AckedSetChecker.check(history, Map.of("a", Set.of())).lost())
        .containsExactly(new Element("a", "1"));
    assertThat(AckedSetChecker.check(history, Map.of("a", Set.of("1"))).valid()).isTrue();
    assertThat(AckedSetChecker.check(history, Map.of("a", Set.of("1"))).attempted()).isEqualTo(1);
  }

  @Test
  void aKeyMissingFromTheFinalReadHasLostItsAcknowledgedElements() {
    var result = AckedSetChecker.check(List.of(add("a", "1", 0, 1, OK)), Map.of());

    assertThat(result.lost()).containsExactly(new Element("a", "1"));
  }

  @Test
  void elementsBelongToTheirKey() {
    var result = AckedSetChecker.check(List.of(add("a", "1", 0, 1, OK)), Map.of("b", Set.of("1")));

    assertThat(result.lost()).containsExactly(new Element("a", "1"));
    assertThat(result.unexpected()).containsExactly(new Element("b", "1"));
  }

  @Test
  void readsAndWritesInTheHistoryAreIgnored() {
    var result =
        AckedSetChecker.check(
            List.of(Ops.write("x", 0, 1), Ops.read(0, 1, "x"), add("a", "1", 0, 1, OK)),
            Map.of("a", Set.of("1")));

    assertThat(result.valid()).isTrue();
    assertThat(result.attempted()).isEqualTo(1);
  }

  @Test
  void nothingAttemptedHasAnAckRateOfZero() {
    assertThat(AckedSetChecker.check(List.of(), Map.of()).ackRate()).isZero();
  }
}
