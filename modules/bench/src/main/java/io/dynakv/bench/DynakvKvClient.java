package io.dynakv.bench;

import io.dynakv.client.Context;
import io.dynakv.client.DynakvClient;
import io.dynakv.client.GetResult;
import io.dynakv.client.RequestRejectedException;
import io.dynakv.client.RetryPolicy;
import io.dynakv.client.UnavailableException;
import io.dynakv.client.Value;
import io.dynakv.client.WriteResult;
import java.io.IOException;
import java.util.Optional;

/**
 * {@link KvClient} over the Java client ({@link DynakvClient}), so the load generator sends
 * requests the way applications do: routed by the ring (or to any node), failing over to the
 * next node when one refuses or fails. It retries no more than that (one round): a run counts
 * what a request came to, and backoff would hide errors in latency. An answer is reported as
 * the status the client settled on; a failure of every node as the last node's status (a 5xx),
 * or the I/O exception it met.
 */
public final class DynakvKvClient implements KvClient, AutoCloseable {

  private static final String CONTENT_TYPE = "application/octet-stream";

  private final DynakvClient client;

  private DynakvKvClient(DynakvClient client) {
    this.client = client;
  }

  public static DynakvKvClient create(ClientSettings settings) {
    DynakvClient.Builder builder =
        DynakvClient.builder()
            .nodes(settings.targets())
            .routing(settings.routing())
            .connectTimeout(settings.timeout())
            .requestTimeout(settings.timeout())
            .retryPolicy(RetryPolicy.failoverOnly());
    settings.r().ifPresent(builder::readQuorum);
    settings.w().ifPresent(builder::writeQuorum);
    settings.serverTimeoutMs().ifPresent(ms -> builder.serverTimeout(java.time.Duration.ofMillis(ms)));
    return new DynakvKvClient(builder.build());
  }

  @Override
  public Response get(String bucket, String key) throws IOException {
    try {
      GetResult read = client.get(bucket, key);
      int status = read.hasSiblings() ? 300 : read.found() ? 200 : 404;
      return new Response(status, read.context().map(Context::encoded));
    } catch (RequestRejectedException e) {
      return new Response(e.status(), Optional.empty());
    } catch (UnavailableException e) {
      return failure(e);
    }
  }

  @Override
  public Response put(String bucket, String key, byte[] value, Optional<String> context)
      throws IOException {
    try {
      WriteResult written =
          client.put(bucket, key, new Value(value, CONTENT_TYPE), context.map(Context::new).orElse(null));
      return new Response(written.hasSiblings() ? 300 : 204, Optional.of(written.context().encoded()));
    } catch (RequestRejectedException e) {
      return new Response(e.status(), Optional.empty());
    } catch (UnavailableException e) {
      return failure(e);
    }
  }

  private static Response failure(UnavailableException e) throws IOException {
    if (e.getCause() instanceof RequestRejectedException answer) {
      return new Response(answer.status(), Optional.empty());
    }
    if (e.getCause() instanceof IOException io) {
      throw io;
    }
    throw new IOException(e.getMessage(), e);
  }

  @Override
  public void close() {
    client.close();
  }
}
