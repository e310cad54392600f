package io.dynakv.it.history;

import static io.dynakv.it.history.Operation.Outcome.FAIL;
import static io.dynakv.it.history.Operation.Outcome.OK;
import static io.dynakv.it.history.Operation.Outcome.UNKNOWN;
import static io.dynakv.it.history.Ops.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SiblingExplosionCheckerTest {

  private final SiblingExplosionChecker checker = new SiblingExplosionChecker();

  /** Round 1: c0 writes {c0-1}; c1, which read nothing, writes {c1-1}: two siblings. */
  private static final List<Operation> ROUND_ONE =
      List.of(write("k", "c0-1", 0, 2, OK), write("k", "c1-1", 1, 3, OK));

  @Test
  void idsCarriedForwardBySupersedingWritesAreHeld() {
    // Round 2: both read {c0-1},{c1-1}; c0 resolves them and supersedes both; c1's context
    // misses c0-2, so c1-2 is its sibling. c0-1 and c1-1 live on inside the payloads.
    List<Operation> history =
        List.of(
            ROUND_ONE.get(0),
            ROUND_ONE.get(1),
            write("k", "c0-2", 4, 6, OK),
            write("k", "c1-2", 5, 7, OK));
    var result =
        checker.check(
            history, List.of(Set.of("c0-1", "c1-1", "c0-2"), Set.of("c0-1", "c1-1", "c1-2")));

    assertThat(result.valid()).isTrue();
    assertThat(result.acknowledged()).isEqualTo(4);
    assertThat(result.finalSiblings()).isEqualTo(2);
  }

  @Test
  void anAcknowledgedIdInNoSiblingIsLost() {
    // c0-2 superseded c1-1 without having read it: a lost update.
    List<Operation> history =
        List.of(ROUND_ONE.get(0), ROUND_ONE.get(1), write("k", "c0-2", 4, 6, OK));
    var result = checker.check(history, List.of(Set.of("c0-1", "c0-2")));

    assertThat(result.valid()).isFalse();
    assertThat(result.lost()).containsExactly("c1-1");
  }

  @Test
  void moreSiblingsThanTheLimitIsInvalid() {
    List<Operation> history =
        List.of(write("k", "a", 0, 1, OK), write("k", "b", 0, 1, OK), write("k", "c", 0, 1, OK));
    List<Set<String>> three = List.of(Set.of("a"), Set.of("b"), Set.of("c"));

    assertThat(checker.check(history, three).valid()).isFalse();
    assertThat(checker.check(history, three).lost()).isEmpty();
    assertThat(new SiblingExplosionChecker(3).check(history, three).valid()).isTrue();
  }

  @Test
  void theLimitIsAtLeastOne() {
    assertThatThrownBy(() -> new SiblingExplosionChecker(0))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void unacknowledgedIdsMayBeMissing() {
    List<Operation> history =
        List.of(
            write("k", "a", 0, 1, OK), write("k", "b", 0, 1, UNKNOWN), write("k", "c", 0, 1, FAIL));

    var result = checker.check(history, List.of(Set.of("a")));
    assertThat(result.valid()).isTrue();
    assertThat(result.writes()).isEqualTo(3);
    assertThat(result.acknowledged()).isEqualTo(1);
  }

  @Test
  void anIdNoWriteCarriedIsUnexpected() {
    var result = checker.check(List.of(write("k", "a", 0, 1, OK)), List.of(Set.of("a", "zz")));

    assertThat(result.valid()).isFalse();
    assertThat(result.unexpected()).containsExactly("zz");
  }

  @Test
  void reportsTheMostSiblingsAnyReadSaw() {
    List<Operation> history =
        List.of(
            write("k", "a", 0, 1, OK),
            Ops.read(2, 3, "[\"a\"]", "[\"b\"]", "[\"c\"]"),
            Ops.read(4, 5, "[\"a\"]"));

    var result = checker.check(history, List.of(Set.of("a")));
    assertThat(result.maxSiblingsRead()).isEqualTo(3);
    assertThat(result.valid()).isTrue();
  }
}
