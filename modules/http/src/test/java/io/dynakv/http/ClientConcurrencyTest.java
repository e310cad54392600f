package io.dynakv.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ClientConcurrencyTest {

  @Test
  void aClientGetsAtMostMaxPermitsAndEachReleaseMakesRoomForOneMore() {
    ClientConcurrency limit = new ClientConcurrency(2);
    Optional<ClientConcurrency.Permit> first = limit.tryAcquire("a");
    Optional<ClientConcurrency.Permit> second = limit.tryAcquire("a");

    assertThat(first).isPresent();
    assertThat(second).isPresent();
    assertThat(limit.tryAcquire("a")).isEmpty();
    assertThat(limit.tryAcquire("b")).as("another client has its own count").isPresent();

    first.get().release();
    first.get().release();
    assertThat(limit.inProgress("a")).as("a second release of one permit changes nothing").isEqualTo(1);
    assertThat(limit.tryAcquire("a")).isPresent();
    assertThat(limit.tryAcquire("a")).isEmpty();
  }

  @Test
  void aClientWithNothingInProgressLeavesNoEntry() {
    ClientConcurrency limit = new ClientConcurrency(3);
    limit.tryAcquire("a").orElseThrow().release();
    assertThat(limit.inProgress("a")).isZero();
  }

  @Test
  void concurrentAcquiresNeverExceedTheCap() throws Exception {
    int max = 8;
    ClientConcurrency limit = new ClientConcurrency(max);
    ExecutorService pool = Executors.newFixedThreadPool(16);
    AtomicInteger held = new AtomicInteger();
    AtomicInteger most = new AtomicInteger();
    AtomicInteger refused = new AtomicInteger();
    CountDownLatch start = new CountDownLatch(1);
    List<java.util.concurrent.Future<?>> done = new ArrayList<>();
    for (int t = 0; t < 16; t++) {
      done.add(
          pool.submit(
              () -> {
                start.await();
                for (int i = 0; i < 2_000; i++) {
                  Optional<ClientConcurrency.Permit> permit = limit.tryAcquire("flood");
                  if (permit.isEmpty()) {
                    refused.incrementAndGet();
                    continue;
                  }
                  most.accumulateAndGet(held.incrementAndGet(), Math::max);
                  held.decrementAndGet();
                  permit.get().release();
                }
                return null;
              }));
    }
    start.countDown();
    for (var f : done) {
      f.get(30, TimeUnit.SECONDS);
    }
    pool.shutdown();
    assertThat(most.get()).isLessThanOrEqualTo(max);
    assertThat(limit.inProgress("flood")).isZero();
  }
}
