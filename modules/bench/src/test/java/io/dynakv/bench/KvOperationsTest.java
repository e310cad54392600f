package io.dynakv.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ConnectException;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class KvOperationsTest {


  private final InMemoryKvClient store = new InMemoryKvClient();
  private final KvOperations operations = KvOperations.withRandomValue(store, "bench", 16, 1);

  @Test
  void anUpdateWritesWithTheContextItRead() throws Exception {
    operations.insert("key1");

    KvOperations.Outcome outcome = operations.update("key1");

    assertThat(outcome.isOk()).isTrue();
    assertThat(store.calls()).extracting(InMemoryKvClient.Call::method).containsExactly("PUT", "GET", "PUT");
    assertThat(store.calls().get(2).context()).contains("v1");
  }

  @Test
  void anUpdateOfAMissingKeyWritesWithoutContext() throws Exception {
    assertThat(operations.update("key9").isOk()).isTrue();
    assertThat(store.calls().get(1).context()).isEmpty();
  }

  @Test
  void anUpdateIsTimedFromItsPutNotItsGet() throws Exception {
    store.withLatencyMillis(50);
    long before = System.nanoTime();

    KvOperations.Outcome outcome = operations.update("key1");

    assertThat(outcome.timedFromNanos() - before).isGreaterThanOrEqualTo(50_000_000);
    assertThat(outcome.latencyNanos()).isBetween(50_000_000L, 100_000_000L);
  }

  @Test
  void aMissingKeyAndSiblingsAreAnswersNotErrors() throws Exception {
    assertThat(operations.read("nothing-here").isOk()).isTrue();
    KvClient siblings = answering(300);
    assertThat(KvOperations.withRandomValue(siblings, "b", 1, 1).read("k").isOk()).isTrue();
  }

  @Test
  void refusedAnswersAreCountedByStatus() throws Exception {
    store.failNext(1, 503);
    assertThat(operations.read("key1").errorKind()).isEqualTo("503");
    store.failNext(1, 413);
    assertThat(operations.insert("key1").errorKind()).isEqualTo("413");
  }

  @Test
  void anUpdateWhoseGetFailedSaysSoAndSendsNoPut() throws Exception {
    store.failNext(1, 0);

    KvOperations.Outcome outcome = operations.update("key1");

    assertThat(outcome.errorKind()).isEqualTo("get-timeout");
    assertThat(store.calls()).extracting(InMemoryKvClient.Call::method).containsExactly("GET");
  }

  @Test
  void transportFailuresAreCountedByKind() throws Exception {
    KvClient refusing =
        new KvClient() {
          @Override
          public Response get(String bucket, String key) throws IOException {
            throw new ConnectException("Connection refused");
          }

          @Override
          public Response put(String b, String k, byte[] v, Optional<String> c) throws IOException {
            throw new java.io.EOFException();
          }
        };
    KvOperations failing = KvOperations.withRandomValue(refusing, "b", 1, 1);

    assertThat(failing.read("k").errorKind()).isEqualTo("connect");
    assertThat(failing.insert("k").errorKind()).isEqualTo("EOFException");
  }

  @Test
  void theValueHasTheConfiguredSize() throws Exception {
    int[] sizes = new int[1];
    KvClient measuring =
        new KvClient() {
          @Override
          public Response get(String bucket, String key) {
            return new Response(404, Optional.empty());
          }

          @Override
          public Response put(String b, String k, byte[] value, Optional<String> c) {
            sizes[0] = value.length;
            return new Response(204, Optional.empty());
          }
        };

    KvOperations.withRandomValue(measuring, "b", 1024, 1).insert("k");

    assertThat(sizes[0]).isEqualTo(1024);
  }

  private static KvClient answering(int status) {
    return new KvClient() {
      @Override
      public Response get(String bucket, String key) {
        return new Response(status, Optional.of("ctx"));
      }

      @Override
      public Response put(String b, String k, byte[] v, Optional<String> c) {
        return new Response(status, Optional.empty());
      }
    };
  }
}
