package io.dynakv.it.history;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.dynakv.it.Http;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A register over HTTP for {@link RegisterChecker}: writer threads write unique values to one
 * key, each write timed from before its context read (GET, then PUT with the GET's
 * X-Context), so that a write invoked after another completed has seen it; reader threads read
 * the key and record every sibling value they get (none for 404). Requests go round-robin
 * over the given nodes.
 */
public final class RegisterWorkload {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final List<URI> nodes;
  private final String bucket;
  private final String key;
  private final History history;
  private final AtomicLong sequence = new AtomicLong();

  public RegisterWorkload(List<URI> nodes, String bucket, String key, History history) {
    this.nodes = List.copyOf(nodes);
    this.bucket = bucket;
    this.key = key;
    this.history = history;
  }

  /** {@code writers} and {@code readers} threads, {@code opsEach} operations each. */
  public void run(int writers, int readers, int opsEach, Duration maxDuration)
      throws InterruptedException {
    long deadline = System.nanoTime() + maxDuration.toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int p = 0; p < writers + readers; p++) {
      int process = p;
      boolean writer = p < writers;
      Thread t =
          new Thread(
              () -> {
                for (int i = 0; i < opsEach && System.nanoTime() < deadline; i++) {
                  URI node = nodes.get((process + i) % nodes.size());
                  if (writer) {
                    write(process, node, "w" + process + "-" + sequence.incrementAndGet());
                  } else {
                    read(process, node);
                  }
                }
              },
              "register-" + p);
      threads.add(t);
      t.start();
    }
    for (Thread t : threads) {
      t.join();
    }
  }

  public Operation write(int process, URI node, String value) {
    History.Invocation write = history.invoke(process, Operation.Type.WRITE, key, value, List.of());
    URI uri = AckedSetWorkload.keyUri(node, bucket, key, "");
    Http.Answer read;
    try {
      read = Http.get(uri);
    } catch (Exception e) {
      return write.fail("context read failed, nothing written: " + e);
    }
    try {
      Http.Answer put = Http.put(uri, value, "text/plain", read.context());
      return switch (AckedSetWorkload.writeOutcome(put.status())) {
        case OK -> write.ok();
        case FAIL -> write.fail(put.status() + " " + put.body());
        case UNKNOWN -> write.unknown(put.status() + " " + put.body());
      };
    } catch (Exception e) {
      return write.unknown(e.toString());
    }
  }

  public Operation read(int process, URI node) {
    History.Invocation read = history.invoke(process, Operation.Type.READ, key, null, List.of());
    try {
      Http.Answer a = Http.get(AckedSetWorkload.keyUri(node, bucket, key, ""));
      if (a.status() == 200 || a.status() == 300 || a.status() == 404) {
        return read.ok(values(a.status(), a.body()));
      }
      return read.fail(a.status() + " " + a.body());
    } catch (Exception e) {
      return read.fail(e.toString());
    }
  }

  /** The live values of an answer: the body of a 200, every non-deleted sibling of a 300. */
  static List<String> values(int status, String body) throws Exception {
    if (status == 404) {
      return List.of();
    }
    if (status == 200) {
      return List.of(body);
    }
    List<String> values = new ArrayList<>();
    for (JsonNode sibling : MAPPER.readTree(body).get("siblings")) {
      if (!sibling.path("deleted").asBoolean(false)) {
        values.add(
            new String(Base64.getDecoder().decode(sibling.get("value").asText()), StandardCharsets.UTF_8));
      }
    }
    return values;
  }
}
