package io.dynakv.it.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class HistoryTest {

  @Test
  void anOperationIsTimedFromItsInvocationToItsCompletion() {
    AtomicLong clock = new AtomicLong(100);
    History history = new History(clock::getAndIncrement);

    History.Invocation write = history.invoke(3, Operation.Type.WRITE, "k", "v1", List.of());
    History.Invocation read = history.invoke(4, Operation.Type.READ, "k", null, List.of());
    read.ok(List.of("v0"));
    write.unknown("503");

    assertThat(history.operations())
        .containsExactly(
            new Operation(
                4,
                Operation.Type.READ,
                "k",
                null,
                List.of("v0"),
                101,
                102,
                Operation.Outcome.OK,
                null),
            new Operation(
                3,
                Operation.Type.WRITE,
                "k",
                "v1",
                List.of(),
                100,
                103,
                Operation.Outcome.UNKNOWN,
                "503"));
    assertThat(history.ofType(Operation.Type.WRITE)).hasSize(1);
  }

  @Test
  void anInvocationCompletesOnce() {
    History.Invocation add = new History().invoke(0, Operation.Type.ADD, "k", "e", List.of());
    add.ok();
    assertThatThrownBy(add::ok).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> add.fail("again")).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentClientsLoseNoOperation() throws InterruptedException {
    History history = new History();
    List<Thread> clients = new ArrayList<>();
    for (int p = 0; p < 8; p++) {
      int process = p;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < 1000; i++) {
                  history
                      .invoke(process, Operation.Type.ADD, "k", process + "-" + i, List.of())
                      .ok();
                }
              });
      t.start();
      clients.add(t);
    }
    for (Thread t : clients) {
      t.join();
    }
    assertThat(history.operations()).hasSize(8000);
    assertThat(history.operations().stream().map(Operation::value).distinct()).hasSize(8000);
  }

  @Test
  void anOperationCannotCompleteBeforeItIsInvoked() {
    assertThatThrownBy(() -> Ops.write("v", 10, 9)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void precedesIsRealTimeOrder() {
    Operation a = Ops.write("a", 0, 10);
    Operation b = Ops.write("b", 11, 20);
    Operation overlapping = Ops.write("c", 5, 15);
    assertThat(a.precedes(b)).isTrue();
    assertThat(b.precedes(a)).isFalse();
    assertThat(a.precedes(overlapping)).isFalse();
    assertThat(overlapping.precedes(a)).isFalse();
  }
}
