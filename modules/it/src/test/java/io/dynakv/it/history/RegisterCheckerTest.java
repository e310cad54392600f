package io.dynakv.it.history;

import static io.dynakv.it.history.Operation.Outcome.FAIL;
import static io.dynakv.it.history.Operation.Outcome.OK;
import static io.dynakv.it.history.Operation.Outcome.UNKNOWN;
import static io.dynakv.it.history.Ops.read;
import static io.dynakv.it.history.Ops.write;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.dynakv.it.history.RegisterChecker.Kind;
import io.dynakv.it.history.RegisterChecker.Violation;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

class RegisterCheckerTest {

  private static List<Kind> kinds(RegisterChecker.Result result) {
    return result.violations().stream().map(Violation::kind).toList();
  }

  @Test
  void readsOfTheLatestAcknowledgedValueAreValid() {
    var result =
        RegisterChecker.check(
            List.of(write("a", 0, 10), read(11, 12, "a"), write("b", 13, 20), read(21, 22, "b")));

    assertThat(result.valid()).isTrue();
    assertThat(result.reads()).isEqualTo(2);
    assertThat(result.writes()).isEqualTo(2);
  }

  @Test
  void aValueNobodyWroteIsAViolation() {
    var result = RegisterChecker.check(List.of(write("a", 0, 10), read(11, 12, "a", "zz")));

    assertThat(kinds(result)).containsExactly(Kind.NEVER_WRITTEN);
    assertThat(result.violations().get(0).value()).isEqualTo("zz");
  }

  @Test
  void aStaleReadOfASupersededValueIsAViolation() {
    Operation b = write("b", 11, 20);
    Operation stale = read(21, 22, "a");
    var result = RegisterChecker.check(List.of(write("a", 0, 10), b, stale));

    assertThat(result.valid()).isFalse();
    assertThat(result.violations()).containsExactly(new Violation(Kind.SUPERSEDED, stale, "a", b));
    assertThat(result.summary()).contains("SUPERSEDED");
  }

  @Test
  void concurrentWritesMayBothBeReadAsSiblings() {
    var result =
        RegisterChecker.check(
            List.of(write("a", 0, 10), write("b", 5, 15), read(16, 17, "a", "b")));

    assertThat(result.valid()).isTrue();
  }

  @Test
  void aSiblingReadIsInvalidIfAnyOfItsValuesIsSuperseded() {
    var result =
        RegisterChecker.check(
            List.of(
                write("a", 0, 10), write("b", 11, 20), write("c", 15, 25), read(26, 27, "a", "c")));

    assertThat(result.violations()).extracting(Violation::value).containsExactly("a");
  }

  @Test
  void aWriteStillRunningWhenTheReadStartsDoesNotSupersede() {
    var result =
        RegisterChecker.check(List.of(write("a", 0, 10), write("b", 11, 30), read(20, 25, "a")));

    assertThat(result.valid()).isTrue();
  }

  @Test
  void aWriteInvokedBeforeTheOtherCompletedDoesNotSupersedeIt() {
    var result =
        RegisterChecker.check(List.of(write("a", 0, 10), write("b", 5, 12), read(20, 25, "a")));

    assertThat(result.valid()).isTrue();
  }

  @Test
  void anUnacknowledgedWriteNeitherSupersedesNorIsSuperseded() {
    var result =
        RegisterChecker.check(
            List.of(
                write("k", "a", 0, 10, UNKNOWN),
                write("k", "b", 11, 20, OK),
                write("k", "c", 21, 30, UNKNOWN),
                read(31, 32, "a"),
                read(33, 34, "b")));

    assertThat(result.valid()).isTrue();
  }

  @Test
  void aValueWhoseWriteFailedMustNotBeRead() {
    var result = RegisterChecker.check(List.of(write("k", "a", 0, 10, FAIL), read(11, 12, "a")));

    assertThat(kinds(result)).containsExactly(Kind.FAILED_WRITE);
  }

  @Test
  void aValueWrittenOnlyAfterTheReadIsAViolation() {
    var result = RegisterChecker.check(List.of(read(0, 5, "a"), write("a", 6, 10)));

    assertThat(kinds(result)).containsExactly(Kind.FROM_THE_FUTURE);
  }

  @Test
  void findingNothingAfterAnAcknowledgedWriteIsAViolation() {
    Operation a = write("a", 0, 10);
    var result = RegisterChecker.check(List.of(read(0, 5), a, read(11, 12)));

    assertThat(result.violations())
        .containsExactly(new Violation(Kind.EMPTY_AFTER_ACKNOWLEDGED_WRITE, read(11, 12), null, a));
  }

  @Test
  void failedReadsAreNotJudged() {
    Operation failedRead =
        new Operation(1, Operation.Type.READ, "k", null, List.of(), 11, 12, FAIL, "timeout");
    var result = RegisterChecker.check(List.of(write("a", 0, 10), failedRead));

    assertThat(result.valid()).isTrue();
    assertThat(result.reads()).isZero();
  }

  @Test
  void keysAreJudgedApart() {
    var result =
        RegisterChecker.check(
            List.of(
                write("x", "a", 0, 10, OK),
                write("y", "b", 11, 20, OK),
                read("x", 21, 22, "a"),
                read("y", 21, 22, "a")));

    assertThat(result.violations()).hasSize(1);
    assertThat(result.violations().get(0).kind()).isEqualTo(Kind.NEVER_WRITTEN);
    assertThat(result.violations().get(0).read().key()).isEqualTo("y");
  }

  @Test
  void valuesMustBeUnique() {
    assertThatThrownBy(() -> RegisterChecker.check(List.of(write("a", 0, 1), write("a", 2, 3))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  /** One client at a time against a correct register: every read returns the latest write. */
  private static List<Operation> sequentialHistory(List<Boolean> isWrite) {
    List<Operation> ops = new ArrayList<>();
    String current = null;
    for (int i = 0; i < isWrite.size(); i++) {
      long t = 10L * i;
      if (isWrite.get(i)) {
        current = "v" + i;
        ops.add(write(current, t, t + 5));
      } else {
        ops.add(current == null ? read(t, t + 5) : read(t, t + 5, current));
      }
    }
    return ops;
  }

  @Property(tries = 200)
  void aCorrectSequentialRegisterIsAlwaysValid(@ForAll @Size(max = 300) List<Boolean> isWrite) {
    assertThat(RegisterChecker.check(sequentialHistory(isWrite)).valid()).isTrue();
  }

  @Property(tries = 200)
  void readingAnOlderValueAfterANewerWasAcknowledgedIsAlwaysCaught(
      @ForAll @Size(min = 1, max = 100) List<Boolean> before,
      @ForAll @IntRange(min = 0, max = 99) int pick) {
    List<Boolean> shape = new ArrayList<>(before);
    shape.add(0, true); // at least two writes, so something is superseded
    shape.add(true);
    shape.add(false);
    List<Operation> history = sequentialHistory(shape);
    List<Operation> writes =
        history.stream().filter(op -> op.type() == Operation.Type.WRITE).toList();
    Operation old = writes.get(pick % (writes.size() - 1)); // never the last write
    Operation last = history.get(history.size() - 1);
    history.set(history.size() - 1, read(last.invokeNanos(), last.completeNanos(), old.value()));

    assertThat(kinds(RegisterChecker.check(history))).contains(Kind.SUPERSEDED);
  }
}
