package io.dynakv.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * {@link KvClient} over one shared {@link HttpClient}. HTTP/1.1 because that is what the nodes
 * serve, and the JDK client keeps a pool of keep-alive connections per node, so the worker
 * threads reuse connections instead of paying a handshake per operation.
 */
public final class HttpKvClient implements KvClient {

  static final String CONTEXT_HEADER = "X-Context";
  private static final String CONTENT_TYPE = "application/octet-stream";

  private final HttpClient http;
  private final ClientSettings settings;

  private HttpKvClient(HttpClient http, ClientSettings settings) {
    this.http = http;
    this.settings = settings;
  }

  public static HttpKvClient create(ClientSettings settings) {
    HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(settings.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    return new HttpKvClient(http, settings);
  }

  @Override
  public Response get(URI target, String bucket, String key)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(keyUri(target, bucket, key, "r", settings.r()))
            .timeout(settings.timeout())
            .GET()
            .build();
    return answer(http.send(request, HttpResponse.BodyHandlers.discarding()));
  }

  @Override
  public Response put(URI target, String bucket, String key, byte[] value, Optional<String> context)
      throws IOException, InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(keyUri(target, bucket, key, "w", settings.w()))
            .timeout(settings.timeout())
            .header("Content-Type", CONTENT_TYPE)
            .PUT(HttpRequest.BodyPublishers.ofByteArray(value));
    context.ifPresent(c -> request.header(CONTEXT_HEADER, c));
    return answer(http.send(request.build(), HttpResponse.BodyHandlers.discarding()));
  }

  private static Response answer(HttpResponse<Void> response) {
    return new Response(response.statusCode(), response.headers().firstValue(CONTEXT_HEADER));
  }

  /** @param quorumParam "r" or "w", sent only when the option was given */
  URI keyUri(URI target, String bucket, String key, String quorumParam, OptionalInt quorum) {
    StringBuilder uri = new StringBuilder(target.toString());
    uri.append("/v1/buckets/").append(pathSegment(bucket)).append("/keys/").append(pathSegment(key));
    char separator = '?';
    if (quorum.isPresent()) {
      uri.append(separator).append(quorumParam).append('=').append(quorum.getAsInt());
      separator = '&';
    }
    if (settings.serverTimeoutMs().isPresent()) {
      uri.append(separator).append("timeout=").append(settings.serverTimeoutMs().getAsInt());
    }
    return URI.create(uri.toString());
  }

  /**
   * Percent-encodes everything but RFC 3986 unreserved characters. {@code URLEncoder} is for
   * form bodies: it would turn a space into '+', which a path keeps literally.
   */
  static String pathSegment(String text) {
    StringBuilder encoded = new StringBuilder();
    for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
      char c = (char) (b & 0xff);
      if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
          || c == '-' || c == '.' || c == '_' || c == '~') {
        encoded.append(c);
      } else {
        encoded.append('%').append(String.format("%02X", b & 0xff));
      }
    }
    return encoded.toString();
  }
}
