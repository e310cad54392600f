package io.dynakv.it;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few HTTP calls the tests make, with the X-Context header handled. */
public final class Http {

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private Http() {}

  public record Answer(int status, String body, String context, String contentType) {}

  public static Answer get(URI uri) throws Exception {
    return send(HttpRequest.newBuilder(uri).GET());
  }

  public static Answer put(URI uri, String value, String contentType, String context)
      throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .PUT(HttpRequest.BodyPublishers.ofString(value, StandardCharsets.UTF_8))
            .header("Content-Type", contentType);
    if (context != null) {
      b.header("X-Context", context);
    }
    return send(b);
  }

  public static Answer post(URI uri) throws Exception {
    return send(HttpRequest.newBuilder(uri).POST(HttpRequest.BodyPublishers.noBody()));
  }

  public static Answer delete(URI uri, String context) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(uri).DELETE();
    if (context != null) {
      b.header("X-Context", context);
    }
    return send(b);
  }

  private static Answer send(HttpRequest.Builder builder) throws Exception {
    HttpResponse<String> r =
        CLIENT.send(
            builder.timeout(Duration.ofSeconds(15)).build(),
            HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    return new Answer(
        r.statusCode(),
        r.body(),
        r.headers().firstValue("X-Context").orElse(null),
        r.headers().firstValue("Content-Type").orElse(null));
  }
}
