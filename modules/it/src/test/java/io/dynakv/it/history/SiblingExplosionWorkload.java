package io.dynakv.it.history;

import io.dynakv.it.Http;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * riak_test's {@code sibling_explosion} over HTTP: two clients interleave read-resolve-write on one
 * key, round after round, as: client 0 reads, client 1 reads, client 0 writes, client 1 writes.
 * Client 1's write carries a context that misses client 0's write of the same round, so every round
 * makes a sibling, and the next round's reads resolve it. A write's payload is the union of the id
 * sets it read plus its own id ({@code c<client>-<round>}), in the {@link SetValues} encoding; see
 * {@link SiblingExplosionChecker} for what the history must show.
 *
 * <p>Each write is recorded from the start of the read it resolves; each read is recorded with one
 * entry per sibling.
 */
public final class SiblingExplosionWorkload {

  private final URI[] clients;
  private final String bucket;
  private final String key;
  private final History history;

  /** Client 0 sends to {@code first}, client 1 to {@code second} (they may be the same node). */
  public SiblingExplosionWorkload(
      URI first, URI second, String bucket, String key, History history) {
    this.clients = new URI[] {first, second};
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
  public List<Set<String>> finalSiblings(URI node, String query) throws Exception {
    Http.Answer a = Http.get(AckedSetWorkload.keyUri(node, bucket, key, query));
    return SetValues.siblings(a.status(), a.body());
  }

  /** A write of one client whose context read is done. */
  private record Pending(
      int client, String id, History.Invocation write, Set<String> resolved, String context) {}

  private Pending read(int client, int round) {
    String id = "c" + client + "-" + round;
    History.Invocation write = history.invoke(client, Operation.Type.WRITE, key, id, List.of());
    History.Invocation read = history.invoke(client, Operation.Type.READ, key, null, List.of());
    try {
      Http.Answer a = Http.get(AckedSetWorkload.keyUri(clients[client], bucket, key, ""));
      List<Set<String>> siblings = SetValues.siblings(a.status(), a.body());
      List<String> payloads = new ArrayList<>();
      siblings.forEach(s -> payloads.add(SetValues.encode(s)));
      read.ok(payloads);
      return new Pending(client, id, write, SetValues.merge(siblings), a.context());
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
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
      Http.Answer a =
          Http.put(
              AckedSetWorkload.keyUri(clients[pending.client()], bucket, key, ""),
              SetValues.encode(payload),
              SetValues.CONTENT_TYPE,
              pending.context());
      switch (AckedSetWorkload.writeOutcome(a.status())) {
        case OK -> write.ok(List.copyOf(payload));
        case FAIL -> write.fail(a.status() + " " + a.body());
        case UNKNOWN -> write.unknown(a.status() + " " + a.body());
      }
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      write.unknown(e.toString());
    }
  }
}
