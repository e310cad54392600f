package io.dynakv.client;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * Reads the nodes' answers to key requests: a value (200), siblings as JSON (300), not found
 * (404), a write's context (204), a JSON error.
 */
final class Answers {

  static final String CONTEXT_HEADER = "X-Context";
  static final ObjectMapper JSON = new ObjectMapper();

  private Answers() {}

  static GetResult read(HttpResponse<byte[]> response) {
    Optional<Context> context = context(response);
    return switch (response.statusCode()) {
      case 200 -> new GetResult(
          List.of(new Sibling(new Value(response.body(), contentType(response)), lastModified(response))),
          context);
      case 300 -> new GetResult(siblings(response.body()), context);
      case 404 -> GetResult.notFound(context);
      default -> throw unexpected(response);
    };
  }

  static WriteResult write(HttpResponse<byte[]> response) {
    Context context =
        context(response).orElseThrow(() -> new DynakvException("a write answer without " + CONTEXT_HEADER));
    return switch (response.statusCode()) {
      case 200, 201, 204 -> new WriteResult(context, List.of());
      case 300 -> new WriteResult(context, siblings(response.body()));
      default -> throw unexpected(response);
    };
  }

  /** The siblings of a 300: {@code {"siblings":[{"value":base64,"contentType":..,"lastModified":..}|{"deleted":true,..}]}}. */
  static List<Sibling> siblings(byte[] body) {
    JsonNode root = json(body);
    JsonNode list = root.path("siblings");
    if (!list.isArray()) {
      throw new DynakvException("a 300 answer without a siblings array");
    }
    List<Sibling> siblings = new ArrayList<>();
    Base64.Decoder base64 = Base64.getDecoder();
    for (JsonNode s : list) {
      Instant modified = instant(s.path("lastModified").asText(null));
      if (s.path("deleted").asBoolean(false)) {
        siblings.add(Sibling.tombstone(modified));
      } else {
        byte[] bytes = base64.decode(s.path("value").asText(""));
        siblings.add(new Sibling(new Value(bytes, s.path("contentType").asText(null)), modified));
      }
    }
    return siblings;
  }

  static JsonNode json(byte[] body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      throw new DynakvException("not JSON: " + e.getMessage(), e);
    }
  }

  /** The node's JSON error as a typed exception; a body that is no JSON error keeps its status. */
  static RequestRejectedException rejected(HttpResponse<byte[]> response) {
    String error = "http_" + response.statusCode();
    String detail = null;
    try {
      JsonNode body = JSON.readTree(response.body());
      if (body != null && body.hasNonNull("error")) {
        error = body.get("error").asText();
        detail = body.path("detail").asText(null);
      }
    } catch (IOException | RuntimeException e) {
      // Not JSON (a proxy's page): the status says enough.
    }
    return RequestRejectedException.of(response.statusCode(), error, detail);
  }

  static Optional<Context> context(HttpResponse<?> response) {
    return response.headers().firstValue(CONTEXT_HEADER).filter(c -> !c.isBlank()).map(Context::new);
  }

  private static DynakvException unexpected(HttpResponse<byte[]> response) {
    if (response.statusCode() >= 400 && response.statusCode() < 500) {
      return rejected(response);
    }
    return new DynakvException("unexpected answer " + response.statusCode() + " from " + response.uri());
  }

  private static String contentType(HttpResponse<?> response) {
    return response.headers().firstValue("Content-Type").orElse(Value.OCTET_STREAM);
  }

  private static Instant lastModified(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Last-Modified")
        .map(Answers::httpDate)
        .orElse(Instant.EPOCH);
  }

  private static Instant httpDate(String text) {
    try {
      return java.time.ZonedDateTime.parse(text, java.time.format.DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }

  private static Instant instant(String text) {
    if (text == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(text);
    } catch (RuntimeException e) {
      return Instant.EPOCH;
    }
  }
}
