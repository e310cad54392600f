package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpenLoopPacerTest {

  @Test
  void handsOutTheScheduleInOrderAndStopsAtTheEnd() throws Exception {
    long start = System.nanoTime();
    long end = start + TimeUnit.MILLISECONDS.toNanos(50);
    OpenLoopPacer pacer = new OpenLoopPacer(new OpenLoopSchedule(start, 100), end, () -> false);

    long[] slots = new long[5];
    for (int i = 0; i < slots.length; i++) {
      slots[i] = pacer.awaitNext();
      assertThat(System.nanoTime()).isGreaterThanOrEqualTo(slots[i]);
    }

    for (int i = 0; i < slots.length; i++) {
      assertThat(slots[i]).isEqualTo(start + i * TimeUnit.MILLISECONDS.toNanos(10));
    }
    assertThat(pacer.awaitNext()).isEqualTo(Pacer.STOP);
  }

  @Test
  void aSlotAlreadyDueIsHandedOutWithoutWaiting() throws Exception {
    long start = System.nanoTime() - TimeUnit.SECONDS.toNanos(1);
    OpenLoopPacer pacer =
        new OpenLoopPacer(new OpenLoopSchedule(start, 1000), start + TimeUnit.SECONDS.toNanos(10), () -> false);

    assertThat(pacer.awaitNext()).isEqualTo(start);
    assertThat(pacer.awaitNext()).isEqualTo(start + TimeUnit.MILLISECONDS.toNanos(1));
  }

  @Test
  void aStopEndsTheWaitForTheNextSlot() throws Exception {
    long start = System.nanoTime();
    AtomicBoolean stop = new AtomicBoolean();
    OpenLoopPacer pacer =
        new OpenLoopPacer(new OpenLoopSchedule(start, 0.01), start + TimeUnit.HOURS.toNanos(1), stop::get);
    pacer.awaitNext();

    new Thread(() -> stop.set(true)).start();

    assertThat(pacer.awaitNext()).isEqualTo(Pacer.STOP);
    assertThat(System.nanoTime() - start).isLessThan(TimeUnit.SECONDS.toNanos(5));
  }
}
