package io.dynakv.it.history;

import io.dynakv.client.Context;
import io.dynakv.client.DynakvClient;
import io.dynakv.client.DynakvException;
import io.dynakv.client.GetResult;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * riak_test's {@code sibling_explosion} through the Java client: two clients interleave read-resolve-write on one
 * key, round after round, as: client 0 reads, client 1 reads, client 0 writes, client 1 writes.
 * Client 1's write carries a context that misses client 0's write of the same round, so every round
 * makes a sibling, and the next round's reads resolve it. A write's payload is the union of the id
 * sets it read plus its own id ({@code c<client>-<round>}), in the {@link SetValues} encoding; see
 * {@link SiblingExplosionChecker} for what the history must show.
 *
 * <p>Each write is recorded from the start of the read it resolves; each read is recorded with one
 * entry per sibling. Each client is pinned to its node and tries it once: the interleaving is
 * the point, so nothing is retried elsewhere.
 */
public final class SiblingExplosionWorkload implements AutoCloseable {

  private final DynakvClient[] clients;
  private final String bucket;
  private final String key;
  private final History history;

  /** Client 0 sends to {@code first}, client 1 to {@code second} (they may be the same node). */
  public SiblingExplosionWorkload(
      URI first, URI second, String bucket, String key, History history) {
    this.clients =
        new DynakvClient[] {WorkloadClients.pinned(first, ""), WorkloadClients.pinned(second, "")};
    this.bucket = bucket;
    this.key = key;
    this.history = history;
  }

  public void run(int rounds) {
    for (int round = 0; round < rounds; round++) {
      Pending first = read(0, round);
      Pending second = read(1, round);
      write(first);
      write(second);
    }
  }

  /** The final read's siblings, each as its set of write ids. */
  public List<Set<String>> finalSiblings(URI node, String query) {
    try (DynakvClient reader = WorkloadClients.pinned(node, query)) {
      return SetValues.siblings(reader.get(bucket, key));
    }
  }

  @Override
  public void close() {
    for (DynakvClient client : clients) {
      client.close();
    }
  }

  /** A write of one client whose context read is done. */
  private record Pending(
      int client, String id, History.Invocation write, Set<String> resolved, Context context) {}

  private Pending read(int client, int round) {
    String id = "c" + client + "-" + round;
    History.Invocation write = history.invoke(client, Operation.Type.WRITE, key, id, List.of());
    History.Invocation read = history.invoke(client, Operation.Type.READ, key, null, List.of());
    try {
      GetResult answer = clients[client].get(bucket, key);
      List<Set<String>> siblings = SetValues.siblings(answer);
      List<String> payloads = new ArrayList<>();
      siblings.forEach(s -> payloads.add(SetValues.encode(s)));
      read.ok(payloads);
      return new Pending(client, id, write, SetValues.merge(siblings), answer.context().orElse(null));
    } catch (DynakvException | IllegalArgumentException e) {
      read.fail(e.toString());
      write.fail("its read failed, nothing written");
      return null;
    }
  }

  private void write(Pending pending) {
    if (pending == null) {
      return;
    }
    Set<String> payload = new TreeSet<>(pending.resolved());
    payload.add(pending.id());
    History.Invocation write = pending.write();
    try {
      clients[pending.client()].put(bucket, key, SetValues.value(payload), pending.context());
      write.ok(List.copyOf(payload));
    } catch (DynakvException e) {
      switch (WorkloadClients.outcomeOf(e)) {
        case FAIL -> write.fail(e.getMessage());
        default -> write.unknown(e.getMessage());
      }
    }
  }
}
