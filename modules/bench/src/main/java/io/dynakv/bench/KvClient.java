package io.dynakv.bench;

import java.io.IOException;
import java.util.Optional;

/**
 * The two calls of the HTTP API the generator needs, answered as the HTTP status the client
 * settled on. An interface so the load loop can be tested against an in-memory store, without
 * a server. Which node serves a call is the client's choice ({@link ClientSettings#routing()}).
 */
public interface KvClient {

  /** {@code GET /v1/buckets/{bucket}/keys/{key}}; the body is read and dropped. */
  Response get(String bucket, String key) throws IOException, InterruptedException;

  /** {@code PUT /v1/buckets/{bucket}/keys/{key}}, with {@code X-Context} when given. */
  Response put(String bucket, String key, byte[] value, Optional<String> context)
      throws IOException, InterruptedException;

  /** @param context the {@code X-Context} header of the answer, if it had one */
  record Response(int status, Optional<String> context) {}
}
