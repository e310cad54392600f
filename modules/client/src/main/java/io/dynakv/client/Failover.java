package io.dynakv.client;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.LongConsumer;

/**
 * Sends one request to its candidate nodes in order until one answers, going round them again
 * after a backoff as the {@link RetryPolicy} allows.
 *
 * <p>What is retried depends on whether the request is {@link Safety#IDEMPOTENT}: any request
 * moves on to the next node when its connection was refused or could not be made in time, or
 * on a 429 — the node did no work. After an ambiguous failure (a 5xx, a timeout waiting for
 * the answer, a connection broken mid-request) only an idempotent request moves on: the
 * failed attempt may have been carried out.
 */
final class Failover {

  static final String EPOCH_HEADER = "X-Ring-Epoch";

  enum Safety {
    /** Sending it twice has the effect of sending it once (as the client counts effects). */
    IDEMPOTENT,
    /** Sent again only when no node can have acted on it. */
    ONCE
  }

  /** A request before a node is chosen: the path (with its query) and what goes with it. */
  record Call(String method, String pathAndQuery, Map<String, String> headers, byte[] body) {}

  private final HttpClient http;
  private final Duration requestTimeout;
  private final String authorization;
  private final RetryPolicy retry;
  private final NodeHealth health;
  private final LongConsumer epochSeen;

  Failover(
      HttpClient http,
      Duration requestTimeout,
      String bearerToken,
      RetryPolicy retry,
      NodeHealth health,
      LongConsumer epochSeen) {
    this.http = http;
    this.requestTimeout = requestTimeout;
    this.authorization = bearerToken == null ? null : "Bearer " + bearerToken;
    this.retry = retry;
    this.health = health;
    this.epochSeen = epochSeen;
  }

  /**
   * The first answer that settles the call: any 2xx, 3xx or 404, and any other 4xx but 429,
   * which is thrown as a {@link RequestRejectedException}.
   *
   * @throws UnavailableException when no candidate settled it within the retry policy
   */
  HttpResponse<byte[]> send(Call call, List<URI> candidates, Safety safety) {
    if (candidates.isEmpty()) {
      throw new UnavailableException("no node to send to", false, null);
    }
    boolean possiblyDone = false;
    String lastFailure = "";
    Exception lastCause = null;
    for (int round = 1; ; round++) {
      for (URI node : health.order(candidates)) {
        HttpResponse<byte[]> response;
        try {
          response = http.send(request(node, call), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new DynakvException("interrupted", e);
        } catch (IOException e) {
          lastCause = e;
          lastFailure = node + ": " + describe(e);
          if (neverSent(e)) {
            health.failed(node);
            continue;
          }
          possiblyDone = true;
          if (safety == Safety.ONCE) {
            throw new UnavailableException(lastFailure + "; the request may have been carried out", true, e);
          }
          continue;
        }
        health.answered(node);
        observeEpoch(response);
        int status = response.statusCode();
        if (status < 400 || status == 404) {
          return response;
        }
        if (status == 429) {
          lastFailure = node + ": 429 too many requests";
          continue;
        }
        if (status < 500) {
          throw Answers.rejected(response);
        }
        RequestRejectedException error = Answers.rejected(response);
        lastFailure = node + ": " + error.getMessage();
        lastCause = error;
        possiblyDone = true;
        if (safety == Safety.ONCE) {
          throw new UnavailableException(lastFailure + "; the request may have been carried out", true, error);
        }
      }
      if (round >= retry.rounds()) {
        throw new UnavailableException(
            "no node served " + call.method() + " " + call.pathAndQuery() + " in " + round
                + " round(s); last: " + lastFailure,
            possiblyDone,
            lastCause);
      }
      pause(retry.backoff(round, () -> ThreadLocalRandom.current().nextDouble()));
    }
  }

  private HttpRequest request(URI node, Call call) {
    HttpRequest.Builder builder =
        HttpRequest.newBuilder(node.resolve(call.pathAndQuery())).timeout(requestTimeout);
    if (authorization != null) {
      builder.header("Authorization", authorization);
    }
    call.headers().forEach(builder::header);
    HttpRequest.BodyPublisher body =
        call.body() == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(call.body());
    return builder.method(call.method(), body).build();
  }

  private void observeEpoch(HttpResponse<?> response) {
    response
        .headers()
        .firstValue(EPOCH_HEADER)
        .ifPresent(
            text -> {
              try {
                epochSeen.accept(Long.parseLong(text.trim()));
              } catch (NumberFormatException e) {
                // Not a node of ours, or a proxy's header: no ring to learn from it.
              }
            });
  }

  /** Refused, or not connected in time: the node never saw the request. */
  static boolean neverSent(IOException e) {
    return e instanceof ConnectException
        || e instanceof HttpConnectTimeoutException
        || e.getCause() instanceof ConnectException
        || (e.getCause() instanceof java.nio.channels.UnresolvedAddressException);
  }

  private static String describe(IOException e) {
    String name = e.getClass().getSimpleName();
    return e.getMessage() == null ? name : name + " " + e.getMessage();
  }

  static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis(), (int) (wait.toNanos() % 1_000_000));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DynakvException("interrupted", e);
    }
  }
}
