package io.dynakv.cli;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.Map;

/**
 * HTTP calls to one node's /v1 API. A node that cannot be reached (connection refused, no
 * answer in time, unknown host) is a {@link CliFailure} with exit code 3 and one line saying
 * so: {@code cannot reach http://127.0.0.1:8081: connection refused}; a 401 or 403 is one with
 * exit code 6, for every command.
 */
public final class NodeClient {

  private final HttpClient http;
  private final URI base;
  private final Duration timeout;
  private final String token;

  public NodeClient(HttpClient http, URI base, Duration timeout) {
    this(http, base, timeout, null);
  }

  /** With {@code token} (null: none) sent as {@code Authorization: Bearer <token>}. */
  public NodeClient(HttpClient http, URI base, Duration timeout, String token) {
    this.http = http;
    this.base = base;
    this.timeout = timeout;
    this.token = token;
  }

  public URI base() {
    return base;
  }

  public Reply get(String pathAndQuery) {
    return send("GET", pathAndQuery, HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  public Reply post(String pathAndQuery) {
    return send("POST", pathAndQuery, HttpRequest.BodyPublishers.noBody(), Map.of());
  }

  public Reply put(String pathAndQuery, byte[] body, Map<String, String> headers) {
    return send("PUT", pathAndQuery, HttpRequest.BodyPublishers.ofByteArray(body), headers);
  }

  public Reply delete(String pathAndQuery, Map<String, String> headers) {
    return send("DELETE", pathAndQuery, HttpRequest.BodyPublishers.noBody(), headers);
  }

  private Reply send(
      String method, String pathAndQuery, HttpRequest.BodyPublisher body, Map<String, String> headers) {
    URI uri = URI.create(base + pathAndQuery);
    HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(timeout).method(method, body);
    headers.forEach(request::header);
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CliFailure(ExitCode.FAILED, "interrupted");
    } catch (IOException e) {
      throw new CliFailure(ExitCode.UNREACHABLE, "cannot reach " + base + ": " + reason(e));
    }
    Reply reply =
        new Reply(
            method,
            uri,
            response.statusCode(),
            response.headers().firstValue("X-Context").orElse(null),
            response.headers().firstValue("Content-Type").orElse(null),
            response.body());
    if (reply.status() == 401 || reply.status() == 403) {
      // Whatever the command: no command has a use for a refusal of its credentials.
      throw denied(reply);
    }
    return reply;
  }

  private CliFailure denied(Reply reply) {
    CliFailure failure = reply.failure();
    String hint =
        reply.status() == 403
            ? ""
            : token == null
                ? " (give a token: --token-file FILE, $DYNAKV_TOKEN or --token)"
                : " (the token given was refused)";
    return new CliFailure(ExitCode.DENIED, failure.getMessage() + hint, failure.body());
  }

  /** What went wrong, in a few words; the JDK's messages are often null or cryptic. */
  String reason(IOException e) {
    if (e instanceof HttpConnectTimeoutException) {
      return "no connection within " + seconds(timeout);
    }
    if (e instanceof HttpTimeoutException) {
      return "no answer within " + seconds(timeout);
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof UnresolvedAddressException
          || t instanceof java.net.UnknownHostException) {
        return "unknown host " + base.getHost();
      }
    }
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof javax.net.ssl.SSLHandshakeException) {
        return "TLS handshake failed ("
            + t.getMessage()
            + "); to trust the node's certificate, give --trust-store FILE";
      }
    }
    if (e instanceof ConnectException) {
      String message = e.getMessage();
      return message == null || message.isBlank() || message.equalsIgnoreCase("Connection refused")
          ? "connection refused"
          : message;
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : message;
  }

  static String seconds(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? millis / 1000 + "s" : millis + "ms";
  }
}
